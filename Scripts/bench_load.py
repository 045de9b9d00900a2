#!/usr/bin/env python3
"""bench-load: times `hafs-viz summary` against `python3 -c 'import json; json.load(...)'` on the same
big quality_feedback.json, interleaved, and prints medians, their ratio and peak memory; then the
Runs workspace's full load of 20 runs x 10 tags x 100,000 steps of event files (`runs --json`):
seconds and peak memory over the files' size (bench_runs.py's load figures, without TensorBoard).

Usage: Scripts/bench_load.py [--megabytes 100] [--runs 7] [--binary .build/release/hafs-viz]
The big file is generated under Fixtures/generated/ (git-ignored) when missing."""
import argparse, json, os, resource, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--megabytes", type=float, default=100)
parser.add_argument("--runs", type=int, default=7)
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
args = parser.parse_args()

directory = os.path.join(root, "Fixtures", "generated", f"big-{int(args.megabytes)}mb")
path = os.path.join(directory, "quality_feedback.json")
if not os.path.exists(path):
    subprocess.run([sys.executable, os.path.join(root, "Scripts", "make_big_quality.py"), directory, str(args.megabytes)], check=True)
size = os.path.getsize(path)


def timed(command):
    """Wall time and peak RSS (bytes) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    # ru_maxrss of RUSAGE_CHILDREN is the max over all children so far: run each kind in its own
    # wrapper to read its own peak.
    return elapsed


def peak_rss(command):
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", wrapper] + command, capture_output=True, check=True)
    return int(out.stdout) * 1024


def runs_load():
    """bench_runs.py's full-load figures (it writes the logdir with tensorboardX the first time)."""
    out = subprocess.run([sys.executable, os.path.join(root, "Scripts", "bench_runs.py"), "--binary", args.binary,
                          "--skip-window", "--skip-tensorboard"], capture_output=True, text=True)
    return json.loads(out.stdout).get("full_load") if out.returncode == 0 else {"failed": out.stderr[-2000:]}


python_cmd = [sys.executable, "-c", f"import json; json.load(open({path!r}))"]
ours_cmd = [args.binary, "summary", "--json", directory]
timed(ours_cmd); timed(python_cmd)  # warm the page cache
python_times, our_times = [], []
for _ in range(args.runs):
    python_times.append(timed(python_cmd))
    our_times.append(timed(ours_cmd))
python_median = statistics.median(python_times)
our_median = statistics.median(our_times)
our_peak = peak_rss(ours_cmd)
python_peak = peak_rss(python_cmd)
print(json.dumps({
    "file": os.path.relpath(path, root), "file_mb": round(size / 1e6, 1), "runs": args.runs,
    "python_json_load_s": round(python_median, 3), "hafs_viz_summary_s": round(our_median, 3),
    "ratio": round(python_median / our_median, 2),
    "hafs_viz_peak_rss_mb": round(our_peak / 1e6, 1), "peak_rss_over_file_size": round(our_peak / size, 2),
    "python_peak_rss_mb": round(python_peak / 1e6, 1),
    "hafs_viz_s_all": [round(t, 3) for t in our_times], "python_s_all": [round(t, 3) for t in python_times],
    "runs_full_load": runs_load(),
}, indent=2))
