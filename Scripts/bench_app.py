#!/usr/bin/env python3
"""bench-app: the dashboard's three performance numbers under Xvfb/llvmpipe at 1600x1000, as JSON.

  first_frame_ms     launch → first frame and → first frame with data (demo), median of N launches
  idle_cpu_percent   CPU of the idle window (one core = 100%) over 30 s, after the first minute's
                     clock ticks are excluded by starting 2 s after launch (reported as measured)
  reload_stall_ms    with a 100 MB quality_feedback.json: F5 pressed while the mouse moves; the
                     longest gap between frames during each reload (HAFS_VIZ_TRACE output)

Usage: Scripts/bench_app.py [--binary .build/release/hafs-viz] [--launches 5] [--reloads 5]
Needs Xvfb and xdotool (Scripts/install-deps installs them)."""
import argparse, json, os, re, signal, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--launches", type=int, default=5)
parser.add_argument("--reloads", type=int, default=5)
parser.add_argument("--idle-seconds", type=float, default=30)
args = parser.parse_args()

display = ":%d" % (90 + os.getpid() % 9)
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1)
config = tempfile.mkdtemp(prefix="hafs-bench-config-")
env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=config, HAFS_VIZ_TRACE="1")
results = {}


def launch(directory):
    return subprocess.Popen([args.binary, directory], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=5)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1]


def xdotool(*words):
    subprocess.run(["xdotool", *words], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


try:
    demo = os.path.join(root, "Fixtures", "demo")
    first, first_data = [], []
    for _ in range(args.launches):
        app = launch(demo)
        time.sleep(2)
        log = stop(app)
        first += [float(m) for m in re.findall(r"first frame (\d+) ms", log)]
        first_data += [float(m) for m in re.findall(r"first frame with data (\d+) ms", log)]
    results["first_frame_ms"] = {"median": statistics.median(first), "all": first,
                                 "with_data_median": statistics.median(first_data), "with_data_all": first_data}

    app = launch(demo)
    time.sleep(2)
    def ticks(pid):
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    t0 = ticks(app.pid)
    time.sleep(args.idle_seconds)
    t1 = ticks(app.pid)
    stop(app)
    hertz = os.sysconf("SC_CLK_TCK")
    results["idle_cpu_percent"] = round((t1 - t0) / hertz / args.idle_seconds * 100, 2)

    big = os.path.join(root, "Fixtures", "generated", "big-100mb")
    if not os.path.exists(os.path.join(big, "quality_feedback.json")):
        subprocess.run([sys.executable, os.path.join(root, "Scripts", "make_big_quality.py"), big, "100"], check=True)
    app = launch(big)
    time.sleep(5)
    window = subprocess.run(["xdotool", "search", "--name", "hafs-viz"], env=env, capture_output=True, text=True).stdout.split()
    for _ in range(args.reloads):
        mover = subprocess.Popen(["bash", "-c", "for j in $(seq 1 80); do xdotool mousemove $((300 + j * 3)) $((300 + j % 7 * 5)); sleep 0.01; done"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.1)
        xdotool("key", "--window", window[0], "F5") if window else None
        time.sleep(2.5)
        mover.wait()
    log = stop(app)
    reloads = [(float(a), int(b), float(c), float(d)) for a, b, c, d in
               re.findall(r"reload (\d+) ms, (\d+) frames drawn meanwhile, longest gap between frames (\d+) ms, longest frame (\d+) ms", log)]
    f5 = reloads[1:]  # the first is the initial load
    results["reload_100mb"] = {"reloads": len(f5), "reload_ms": [r[0] for r in f5], "frames_during": [r[1] for r in f5],
                               "longest_gap_ms": [r[2] for r in f5], "worst_gap_ms": max((r[2] for r in f5), default=None)}
finally:
    xvfb.terminate()
print(json.dumps(results, indent=2))
