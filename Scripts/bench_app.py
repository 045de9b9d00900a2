#!/usr/bin/env python3
"""bench-app: the window's figures under Xvfb/llvmpipe at 1600x1000, printed as JSON.

  first_frame_warm   launch → first frame with the demo's data, median of N launches, with Mesa's
                     shader cache warm; beside it the floor (Scripts/bench_floor.c: a bare GLFW
                     program that opens a 1600x1000 GL 3.3 core window, clears and swaps once),
                     launched alternately with ours, and our ratio to it
  first_frame_cold   the same with an empty shader cache for every launch (XDG_CACHE_HOME pointing
                     at a new folder: the first launch after an install or a Mesa upgrade)
  memory_mib         resident memory (VmRSS) after the first frame with data: the floor, an empty
                     directory, the demo, a 103 MB quality_feedback.json (and what it adds above
                     the empty directory, over the file's size), and after each F5 reload of it
  reload_100mb       each F5 of that file while the mouse moves: the longest gap between frames
  pan_fps            frames a second while the Quality chart of that file is drag-panned, in the
                     four-panel grid and maximized
  idle_cpu_percent   CPU of the idle window on the demo (one core = 100%) over 30 s
  runs_window        the Runs workspace while 20 runs grow at 100 steps/s (bench_runs.py's window
                     figures: frame times, write → screen)

Both programs are timed the same way: from just before the launch to the wall clock each prints
after the swap that shows the frame (ours: HAFS_VIZ_TRACE's "first frame with data … (at T)").

Usage: Scripts/bench_app.py [--binary .build/release/hafs-viz] [--launches 7] [--reloads 2]
Needs Xvfb, xdotool and a C compiler with GLFW (Scripts/install-deps installs them)."""
import argparse, json, os, re, select, shutil, signal, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--launches", type=int, default=7)
parser.add_argument("--reloads", type=int, default=2)
parser.add_argument("--idle-seconds", type=float, default=30)
parser.add_argument("--pan-seconds", type=float, default=3)
parser.add_argument("--skip-idle", action="store_true")
parser.add_argument("--skip-runs", action="store_true", help="leave out the Runs window figures (needs tensorboardX)")
args = parser.parse_args()

floor_source = os.path.join(root, "Scripts", "bench_floor.c")
floor_binary = os.path.join(root, ".build", "bench-floor")
if not os.path.exists(floor_binary) or os.path.getmtime(floor_binary) < os.path.getmtime(floor_source):
    compiler = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
    subprocess.run([compiler, "-O2", floor_source, "-o", floor_binary, "-lglfw", "-lGL"], check=True)

display = ":%d" % (90 + os.getpid() % 9)
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1)
scratch = tempfile.mkdtemp(prefix="hafs-bench-app-")
warm_cache = os.path.join(scratch, "warm-cache")
empty_directory = os.path.join(scratch, "empty")
os.makedirs(empty_directory)
results = {}


def environment(cache):
    config = tempfile.mkdtemp(dir=scratch, prefix="config-")
    return dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=config, XDG_CACHE_HOME=cache, HAFS_VIZ_TRACE="1")


class Launched:
    """A program under Xvfb whose stderr is read as it comes, to wait for a trace line."""

    def __init__(self, command, cache):
        self.env = environment(cache)
        self.started = time.time()
        self.process = subprocess.Popen(command, env=self.env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        self.text = ""

    def wait_for(self, pattern, timeout=30):
        """The first match of `pattern` in stderr after the last one waited for; None on timeout."""
        deadline = time.time() + timeout
        start = len(self.text)
        while True:
            match = re.compile(pattern).search(self.text, start)
            if match:
                return match
            left = deadline - time.time()
            if left <= 0 or self.process.poll() is not None and not select.select([self.process.stderr], [], [], 0)[0]:
                return None
            ready, _, _ = select.select([self.process.stderr], [], [], left)
            if ready:
                chunk = os.read(self.process.stderr.fileno(), 65536)
                if not chunk and self.process.poll() is not None:
                    return None
                self.text += chunk.decode(errors="replace")

    def drain(self, seconds):
        """Reads stderr for `seconds` (the trace must not fill the pipe and block the app)."""
        self.wait_for(r"(?!x)x", timeout=seconds)

    def rss_mib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            rest = self.process.communicate(timeout=5)[1]
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest = self.process.communicate()[1]
        self.text += rest.decode(errors="replace")
        return self.text


FLOOR_DONE = r"floor: first frame at ([\d.]+)"
OURS_DONE = r"first frame with data \d+ ms after launch \(at ([\d.]+)\)"


def first_frame_ms(command, pattern, cache):
    launched = Launched(command, cache)
    match = launched.wait_for(pattern)
    launched.stop()
    if not match:
        sys.exit(f"{command[0]} showed no first frame: {launched.text[-2000:]}")
    return (float(match.group(1)) - launched.started) * 1000


def first_frames(cold):
    floor, ours = [], []
    demo = os.path.join(root, "Fixtures", "demo")
    for _ in range(args.launches):
        # Alternate the two, so a slow moment of the machine costs both.
        cache = tempfile.mkdtemp(dir=scratch, prefix="cold-cache-") if cold else warm_cache
        floor.append(first_frame_ms([floor_binary], FLOOR_DONE, cache))
        cache = tempfile.mkdtemp(dir=scratch, prefix="cold-cache-") if cold else warm_cache
        ours.append(first_frame_ms([args.binary, demo], OURS_DONE, cache))
    return {"floor_ms": round(statistics.median(floor), 1), "hafs_viz_ms": round(statistics.median(ours), 1),
            "ratio": round(statistics.median(ours) / statistics.median(floor), 2),
            "floor_all": [round(x) for x in floor], "hafs_viz_all": [round(x) for x in ours]}


def xdotool(*words, env):
    subprocess.run(["xdotool", *words], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


try:
    demo = os.path.join(root, "Fixtures", "demo")
    # One launch of each first, so the warm cache holds every shader either uses.
    first_frame_ms([floor_binary], FLOOR_DONE, warm_cache)
    first_frame_ms([args.binary, demo], OURS_DONE, warm_cache)
    results["first_frame_warm"] = first_frames(cold=False)
    results["first_frame_cold"] = first_frames(cold=True)

    memory = {}
    floor = Launched([floor_binary, "5"], warm_cache)
    floor.wait_for(FLOOR_DONE)
    time.sleep(1)
    memory["floor"] = floor.rss_mib()
    floor.stop()
    for name, directory in (("empty_directory", empty_directory), ("demo", demo)):
        app = Launched([args.binary, directory], warm_cache)
        app.wait_for(r"first frame (with data )?\d+ ms after launch")
        app.drain(1.5)
        memory[name] = app.rss_mib()
        if name == "demo" and not args.skip_idle:
            def ticks(pid):
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                return int(fields[11]) + int(fields[12])
            t0 = ticks(app.process.pid)
            app.drain(args.idle_seconds)
            t1 = ticks(app.process.pid)
            results["idle_cpu_percent"] = round((t1 - t0) / os.sysconf("SC_CLK_TCK") / args.idle_seconds * 100, 2)
        app.stop()

    big = os.path.join(root, "Fixtures", "generated", "big-100mb")
    big_file = os.path.join(big, "quality_feedback.json")
    if not os.path.exists(big_file):
        subprocess.run([sys.executable, os.path.join(root, "Scripts", "make_big_quality.py"), big, "100"], check=True)
    file_mib = os.path.getsize(big_file) / 2**20
    app = Launched([args.binary, big], warm_cache)
    if not app.wait_for(OURS_DONE, timeout=60):
        sys.exit(f"no data frame on {big}: {app.text[-2000:]}")
    app.drain(2)
    loaded = app.rss_mib()
    memory["file_103mb"] = {"file_mib": round(file_mib, 1), "after_load": loaded,
                            "above_empty_directory": round(loaded - memory["empty_directory"], 1),
                            "above_empty_over_file": round((loaded - memory["empty_directory"]) / file_mib, 2),
                            "after_each_f5": []}
    window = subprocess.run(["xdotool", "search", "--name", "hafs-viz"], env=app.env, capture_output=True, text=True).stdout.split()
    gaps = []
    for _ in range(args.reloads):
        # The mouse moves during the reload, so the frames it asks for show any stall.
        mover = subprocess.Popen(["xdotool"] + " ".join(f"mousemove {300 + j * 3} {300 + j % 7 * 5} sleep 0.01" for j in range(80)).split(),
                                 env=app.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.1)
        if window:
            xdotool("key", "--window", window[0], "F5", env=app.env)
        reload = app.wait_for(r"reload (\d+) ms, (\d+) frames drawn meanwhile, longest gap between frames (\d+) ms", timeout=30)
        mover.wait()
        if reload:
            gaps.append(float(reload.group(3)))
        app.drain(2)
        memory["file_103mb"]["after_each_f5"].append(app.rss_mib())
    results["reload_100mb"] = {"reloads": len(gaps), "longest_gap_ms": gaps, "worst_gap_ms": max(gaps, default=None)}
    results["memory_mib"] = memory

    # Pan: the Quality chart dragged left and right, in the four-panel grid, then maximized (key 1).
    def pan(centre):
        steps = int(args.pan_seconds / 0.004)
        words = ["mousemove", str(centre[0]), str(centre[1]), "mousedown", "1"]
        for j in range(steps):
            x = centre[0] + int(200 * abs((j % 200) - 100) / 100) - 100
            words += ["mousemove", str(x), str(centre[1] - 20 + j % 40), "sleep", "0.004"]
        words += ["mouseup", "1"]
        app.drain(0.5)
        seen = len(app.text)
        began = time.time()
        dragger = subprocess.Popen(["xdotool"] + words, env=app.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while dragger.poll() is None:
            app.drain(0.2)
        ended = time.time()
        app.drain(0.3)
        frames = [(float(ms), float(at)) for ms, at in
                  re.findall(r"\bframe ([\d.]+) ms \(build [\d.]+, render [\d.]+\) at ([\d.]+)", app.text[seen:])
                  if began + 0.2 <= float(at) <= ended]
        return {"fps": round(len(frames) / (ended - began - 0.2), 1) if frames else None, "frames": len(frames),
                "seconds": round(ended - began - 0.2, 2),
                "frame_ms_median": round(statistics.median(ms for ms, _ in frames), 2) if frames else None}

    results["pan_fps"] = {"grid": pan((350, 300))}
    if window:
        xdotool("key", "--window", window[0], "1", env=app.env)
    results["pan_fps"]["maximized"] = pan((700, 500))
    app.stop()
finally:
    xvfb.terminate()
    shutil.rmtree(scratch, ignore_errors=True)
if not args.skip_runs:
    # The Runs window's figures, from bench_runs.py (it writes the growing runs with tensorboardX).
    runs = subprocess.run([sys.executable, os.path.join(root, "Scripts", "bench_runs.py"), "--binary", args.binary,
                           "--skip-load", "--skip-tensorboard", "--idle-seconds", "0"], capture_output=True, text=True)
    results["runs_window"] = json.loads(runs.stdout) if runs.returncode == 0 else {"failed": runs.stderr[-2000:]}
print(json.dumps(results, indent=2))
