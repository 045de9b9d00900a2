#!/usr/bin/env python3
"""bench-tui: the terminal front end's numbers, as JSON. Each is measured in a tmux pane of 200x60
with hafs-viz's own trace (HAFS_VIZ_TRACE: every frame's build and render time and the bytes it
wrote, with the wall clock) and /proc for CPU.

  first_frame_ms      `hafs-viz tui Fixtures/demo`: process start to the first Dashboard frame
                      with the data (median of 5 launches)
  full_repaint_bytes  that frame, a full repaint of the Dashboard at 200x60 in truecolor
  idle                20 JSONL runs tailed, nothing changing, on the Runs screen: bytes written and
                      CPU over 30 s (one core = 100%)
  one_point           one new point (one tag's value at a new step) appended and flushed to one of
                      the 20 runs: the bytes of the frame that shows it (median of 20) and the
                      latency from the flush to that write
  frame_build_ms      the Runs screen with 20 runs x 10 tags x 100,000 steps loaded: median and p95
                      frame build while the cursor moves (a frame per key)

Usage: Scripts/bench_tui.py [--binary .build/release/hafs-viz] [--steps 100000] [--idle-seconds 30]
Needs tmux (Scripts/install-deps). The big logdir is JSONL, written once and cached under
Fixtures/generated/ (git-ignored)."""
import argparse, json, os, re, shutil, statistics, subprocess, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--steps", type=int, default=100_000)
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--idle-seconds", type=float, default=30)
args = parser.parse_args()
TAGS = [f"train/m{k}" for k in range(10)]
socket = f"hafs-bench-tui-{os.getpid()}-0"
results = {}


def tmux(*words):
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *words], check=True, capture_output=True, text=True).stdout


def start(command, env):
    """Runs `command` in a fresh 200x60 pane (a tmux server of its own); its stderr (the trace)
    goes to trace.log, started empty."""
    global socket
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    socket = socket.rsplit("-", 1)[0] + f"-{int(socket.rsplit('-', 1)[1]) + 1}"
    if os.path.exists(f"{work}/trace.log"):
        os.remove(f"{work}/trace.log")
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    # The server inherits the client's files: give it none of ours to hold open.
    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "60",
                    f"env {exports} TERM=xterm-256color COLORTERM=truecolor {command} 2>{work}/trace.log"],
                   check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def trace():
    return open(f"{work}/trace.log").read() if os.path.exists(f"{work}/trace.log") else ""


def frames():
    text = trace()
    return [(float(b), float(r), int(n), float(at)) for b, r, n, at in
            re.findall(r"tui frame build ([\d.]+) ms, render ([\d.]+) ms, (\d+) bytes at ([\d.]+)", text)]


def app_pid():
    shell = tmux("display-message", "-p", "#{pane_pid}").strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    return int(children[0]) if children else int(shell)


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_for(test, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if test():
            return True
        time.sleep(0.05)
    return False


def write_jsonl_logdir(folder, runs, steps):
    for i in range(runs):
        os.makedirs(f"{folder}/run_{i:02d}", exist_ok=True)
        with open(f"{folder}/run_{i:02d}/metrics.jsonl", "w") as f:
            for step in range(steps):
                values = ", ".join(f'"{tag}": {1.0 / (2 + step * 0.001 * (k + 1)):.6f}' for k, tag in enumerate(TAGS))
                f.write(f'{{"step": {step}, "time": {1766000000 + step * 0.1:.1f}, {values}}}\n')


work = tempfile.mkdtemp(prefix="hafs-bench-tui-")
config = f"{work}/config"
env = {"XDG_CONFIG_HOME": config, "HAFS_VIZ_TRACE": "1"}
try:
    # First frame and full repaint on the demo.
    firsts = []
    os.makedirs(f"{work}/none")
    for _ in range(5):
        start(f"{args.binary} tui {root}/Fixtures/demo --logdir {work}/none", env)
        wait_for(lambda: "first data frame" in trace(), 20)
        text = trace()
        first = re.search(r"tui first data frame ([\d.]+) ms", text)
        if first:
            firsts.append(float(first.group(1)))
        shown = frames()
        results["full_repaint_bytes"] = max((n for _, _, n, _ in shown), default=None)
        tmux("send-keys", "q")
        time.sleep(0.3)
    results["first_frame_ms"] = {"median": statistics.median(firsts) if firsts else None, "all": firsts}

    # Idle and one point: 20 small live runs.
    live = f"{work}/live"
    for i in range(args.runs):
        os.makedirs(f"{live}/run_{i:02d}")
        with open(f"{live}/run_{i:02d}/metrics.jsonl", "w") as f:
            for step in range(1000):
                f.write(json.dumps({"step": step, "time": time.time() - 1000 + step, **{t: 1.0 / (2 + step * 0.01) for t in TAGS}}) + "\n")
    start(f"{args.binary} runs {live} --tui", env)
    wait_for(lambda: any(n > 0 for _, _, n, _ in frames()) and "run_19" in tmux("capture-pane", "-p"), 30)
    time.sleep(12)  # past the first 10 s clock redraw
    pid = app_pid()
    seen = len(frames())
    t0 = cpu_ticks(pid)
    time.sleep(args.idle_seconds)
    t1 = cpu_ticks(pid)
    idle_frames = frames()[seen:]
    results["idle"] = {"seconds": args.idle_seconds, "bytes": sum(n for _, _, n, _ in idle_frames),
                       "frames": len(idle_frames), "frames_with_bytes": sum(1 for _, _, n, _ in idle_frames if n > 0),
                       "cpu_percent": round((t1 - t0) / os.sysconf("SC_CLK_TCK") / args.idle_seconds * 100, 2)}
    sizes, latencies = [], []
    for k in range(20):
        seen = len(frames())
        written = time.time()
        with open(f"{live}/run_{k % args.runs:02d}/metrics.jsonl", "a") as f:
            f.write(json.dumps({"step": 1000 + k, "time": time.time(), TAGS[0]: 0.3}) + "\n")
            f.flush()
        if wait_for(lambda: any(n > 0 and at >= written for _, _, n, at in frames()[seen:]), 5):
            b, r, n, at = next(f for f in frames()[seen:] if f[2] > 0 and f[3] >= written)
            sizes.append(n)
            latencies.append(at - written)
        time.sleep(0.6)
    results["one_point"] = {"bytes_median": statistics.median(sizes) if sizes else None, "bytes_max": max(sizes, default=None),
                            "latency_s_median": round(statistics.median(latencies), 3) if latencies else None,
                            "latency_s_max": round(max(latencies), 3) if latencies else None, "samples": len(sizes)}
    tmux("send-keys", "q")

    # Frame build with 20 runs x 10 tags x 100k steps.
    big = os.path.join(root, "Fixtures", "generated", f"tui-jsonl-{args.runs}x10x{args.steps}")
    if not os.path.exists(f"{big}/run_{args.runs - 1:02d}/metrics.jsonl"):
        shutil.rmtree(big, ignore_errors=True)
        write_jsonl_logdir(big + ".tmp", args.runs, args.steps)
        os.rename(big + ".tmp", big)
    start(f"{args.binary} runs {big} --tui", env)
    points = args.runs * 10 * args.steps
    wait_for(lambda: f"Points {points}" in tmux("capture-pane", "-p"), 300)
    time.sleep(1)
    seen = len(frames())
    for _ in range(60):
        tmux("send-keys", "Right")
        time.sleep(0.05)
    time.sleep(1)
    builds = sorted(b for b, _, _, _ in frames()[seen:])
    results["frame_build_ms"] = {"median": round(statistics.median(builds), 2) if builds else None,
                                 "p95": round(builds[int(len(builds) * 0.95)], 2) if builds else None,
                                 "render_ms_median": round(statistics.median(r for _, r, _, _ in frames()[seen:]), 2) if builds else None,
                                 "frames": len(builds), "points": points}
    tmux("send-keys", "q")
finally:
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
print(json.dumps(results, indent=2))
