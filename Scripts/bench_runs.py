#!/usr/bin/env python3
"""bench-runs: the Runs workspace's four numbers, side by side with TensorBoard, as JSON.

  full_load         `hafs-viz runs --json` on 20 runs x 10 tags x 100,000 steps of TensorBoard event
                    files, against TensorBoard's EventAccumulator with no sampling (size_guidance
                    scalars 0); wall seconds, peak RSS, the files' total size
  write_to_screen   a writer appends and flushes one point; seconds until the window's first frame
                    that shows it (HAFS_VIZ_TRACE timestamps; same clock)
  frame_ms_growing  frame times while 20 runs grow at 100 steps/s each, under llvmpipe at 1600x1000
  idle_cpu_percent  the window with the 20 runs tailed and nothing changing (one core = 100%)

The big logdir is written once by tensorboardX's record writer (one Event per step holding the ten
values, as TF's merged summaries are) and cached under Fixtures/generated/ (git-ignored).

Usage: Scripts/bench_runs.py [--binary .build/release/hafs-viz] [--steps 100000] [--skip-tensorboard]
Needs Xvfb (Scripts/install-deps); installs tensorboardX and tensorboard from PyPI when missing."""
import argparse, json, multiprocessing, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--steps", type=int, default=100_000)
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--skip-tensorboard", action="store_true")
parser.add_argument("--grow-seconds", type=float, default=20)
parser.add_argument("--idle-seconds", type=float, default=30, help="0 skips the idle figure")
parser.add_argument("--skip-load", action="store_true", help="only the window's figures (bench-app uses this)")
parser.add_argument("--skip-window", action="store_true", help="only the full load (bench-load uses this)")
args = parser.parse_args()

for package, module in (("tensorboardX", "tensorboardX"), ("tensorboard", "tensorboard")):
    try:
        __import__(module)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", package])
from tensorboardX.proto import event_pb2, summary_pb2  # noqa: E402
from tensorboardX.record_writer import RecordWriter, masked_crc32c  # noqa: E402
import struct  # noqa: E402


class Appender:
    """Appends TFRecords to an existing event file, as a writer that keeps its file open does
    (tensorboardX's RecordWriter would start the file anew)."""

    def __init__(self, path):
        self.file = open(path, "ab")

    def write(self, data):
        header = struct.pack("<Q", len(data))
        self.file.write(header + struct.pack("<I", masked_crc32c(header)) + data + struct.pack("<I", masked_crc32c(data)))

    def flush(self):
        self.file.flush()

    def close(self):
        self.file.close()

TAGS = ["train/loss", "train/lr", "train/grad_norm", "train/accuracy", "train/tokens_per_s",
        "eval/loss", "eval/accuracy", "eval/bleu", "sys/gpu_mem", "sys/step_time"]


def write_run(job):
    """One run: one event file, `steps` events of ten values each."""
    folder, index, steps, first_step = job
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"events.out.tfevents.1766000000.bench.{index}.0")
    writer = RecordWriter(path)
    if first_step == 0:
        writer.write(event_pb2.Event(wall_time=1766000000.0, file_version="brain.Event:2").SerializeToString())
    summary = summary_pb2.Summary()
    values = [summary.value.add(tag=tag) for tag in TAGS]
    event = event_pb2.Event(summary=summary)
    for step in range(first_step, first_step + steps):
        event.step = step
        event.wall_time = 1766000000.0 + step * 0.5
        for k, value in enumerate(event.summary.value):
            value.simple_value = 1.0 / (1 + step * 0.001 * (k + 1)) + index * 0.01
        writer.write(event.SerializeToString())
    writer.close()
    return path


def make_logdir(folder, runs, steps):
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker):
        return
    shutil.rmtree(folder, ignore_errors=True)
    start = time.time()
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        pool.map(write_run, [(os.path.join(folder, f"run_{i:02d}"), i, steps, 0) for i in range(runs)])
    open(marker, "w").write("ok\n")
    print(f"bench-runs: wrote {runs} runs x {steps} steps in {time.time() - start:.0f} s", file=sys.stderr)


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files if "tfevents" in f)


def timed(command):
    """Wall seconds and peak RSS (MB) of one command (wait4 gives that child's own rusage)."""
    start = time.time()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.time() - start, usage.ru_maxrss * 1024 / 1e6


results = {}
big = os.path.join(root, "Fixtures", "generated", f"runs-{args.runs}x10x{args.steps}")
if not args.skip_load:
    make_logdir(big, args.runs, args.steps)
    size_mb = folder_bytes(big) / 1e6

# --- full load -----------------------------------------------------------------------------------
if not args.skip_load:
    ours = [timed([args.binary, "runs", "--json", big]) for _ in range(3)]
    peak = max(m for _, m in ours)
    results["full_load"] = {"files_mb": round(size_mb, 1), "points": args.runs * 10 * args.steps,
                            "hafs_viz_s": round(statistics.median(t for t, _ in ours), 2),
                            "hafs_viz_peak_rss_mb": round(peak, 1), "peak_rss_over_files": round(peak / size_mb, 2)}
if not args.skip_load and not args.skip_tensorboard:
    script = ("import sys, os\n"
              "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator\n"
              "n = 0\n"
              "for run in sorted(os.listdir(sys.argv[1])):\n"
              "    path = os.path.join(sys.argv[1], run)\n"
              "    if not os.path.isdir(path): continue\n"
              "    ea = EventAccumulator(path, size_guidance={'scalars': 0}); ea.Reload()\n"
              "    n += sum(len(ea.Scalars(t)) for t in ea.Tags()['scalars'])\n"
              "print(n)\n")
    seconds, peak = timed([sys.executable, "-c", script, big])
    results["full_load"].update({"tensorboard_s": round(seconds, 2), "tensorboard_peak_rss_mb": round(peak, 1),
                                 "speedup": round(seconds / results["full_load"]["hafs_viz_s"], 1)})

# --- the window: latency, frames while growing, idle CPU ---------------------------------------
if args.skip_window:
    print(json.dumps(results, indent=2))
    sys.exit(0)
display = ":%d" % (80 + os.getpid() % 9)
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1)
live = tempfile.mkdtemp(prefix="hafs-bench-runs-")
config = tempfile.mkdtemp(prefix="hafs-bench-config-")
log_path = os.path.join(live, "trace.log")
try:
    # 20 runs of 10 tags x 10,000 steps to start from (the window's steady state).
    start_steps = 10_000
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        pool.map(write_run, [(os.path.join(live, "logs", f"run_{i:02d}"), i, start_steps, 0) for i in range(args.runs)])
    env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=config, HAFS_VIZ_TRACE="1")
    trace = open(log_path, "w")
    app = subprocess.Popen([args.binary, "runs", os.path.join(live, "logs")], env=env, stdout=subprocess.DEVNULL, stderr=trace)
    expected = args.runs * 10 * start_steps

    def frames():
        text = open(log_path).read()
        return [(float(ms), int(points), float(at)) for ms, points, at in
                re.findall(r"runs frame ([\d.]+) ms \(build [\d.]+, render [\d.]+\), (\d+) points at ([\d.]+)", text)]

    def splits():
        text = open(log_path).read()
        return [(float(b), float(r)) for b, r in re.findall(r"runs frame [\d.]+ ms \(build ([\d.]+), render ([\d.]+)\)", text)]

    deadline = time.time() + 120
    while time.time() < deadline and not any(p >= expected for _, p, _ in frames()):
        time.sleep(0.2)
    time.sleep(2)

    # Write to screen: one point at a time, to run_00, flushed; the frame that first shows it.
    writers = [Appender(os.path.join(live, "logs", f"run_{i:02d}", f"events.out.tfevents.1766000000.bench.{i}.0"))
               for i in range(args.runs)]
    latencies = []
    next_step = [start_steps] * args.runs
    for _ in range(10):
        before = max((p for _, p, _ in frames()), default=0)
        summary = summary_pb2.Summary()
        summary.value.add(tag="train/loss", simple_value=0.5)
        written = time.time()
        writers[0].write(event_pb2.Event(step=next_step[0], wall_time=written, summary=summary).SerializeToString())
        writers[0].flush()
        next_step[0] += 1
        shown = None
        wait_until = time.time() + 10
        while shown is None and time.time() < wait_until:
            time.sleep(0.01)
            shown = next((at for _, p, at in frames() if p > before and at >= written), None)
        if shown is not None:
            latencies.append(shown - written)
        time.sleep(0.5)
    results["write_to_screen_s"] = {"median": round(statistics.median(latencies), 3) if latencies else None,
                                    "max": round(max(latencies), 3) if latencies else None, "samples": len(latencies)}

    # Frame times while 20 runs grow at 100 steps/s each (ten values per step).
    seen = len(frames())
    began = time.time()
    stop_at = began + args.grow_seconds
    tick = 0
    while time.time() < stop_at:
        for i, writer in enumerate(writers):
            for _ in range(10):  # 10 steps per 0.1 s tick = 100 steps/s
                summary = summary_pb2.Summary()
                for k, tag in enumerate(TAGS):
                    summary.value.add(tag=tag, simple_value=1.0 / (2 + next_step[i] * 0.001 * (k + 1)))
                writer.write(event_pb2.Event(step=next_step[i], wall_time=time.time(), summary=summary).SerializeToString())
                next_step[i] += 1
            writer.flush()
        tick += 1
        time.sleep(max(0, began + tick * 0.1 - time.time()))
    growing = [ms for ms, _, _ in frames()[seen:]]
    parts = splits()[seen:]
    results["frame_ms_growing"] = {"median": round(statistics.median(growing), 2) if growing else None,
                                   "p95": round(sorted(growing)[int(len(growing) * 0.95)], 2) if growing else None,
                                   "build_ms_median": round(statistics.median(b for b, _ in parts), 2) if parts else None,
                                   "render_ms_median": round(statistics.median(r for _, r in parts), 2) if parts else None,
                                   "frames": len(growing), "seconds": args.grow_seconds,
                                   "steps_per_second_per_run": round(tick * 10 / args.grow_seconds)}
    for writer in writers:
        writer.close()

    # Idle: nothing changes; the feed keeps polling the 20 runs' files.
    if args.idle_seconds > 0:
        time.sleep(3)
        def ticks(pid):
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        t0 = ticks(app.pid)
        time.sleep(args.idle_seconds)
        t1 = ticks(app.pid)
        results["idle_cpu_percent"] = round((t1 - t0) / os.sysconf("SC_CLK_TCK") / args.idle_seconds * 100, 2)
    app.send_signal(signal.SIGTERM)
    try:
        app.wait(timeout=5)
    except subprocess.TimeoutExpired:
        app.kill()
finally:
    xvfb.terminate()
    shutil.rmtree(live, ignore_errors=True)
    shutil.rmtree(config, ignore_errors=True)
print(json.dumps(results, indent=2))
