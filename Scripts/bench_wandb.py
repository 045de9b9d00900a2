#!/usr/bin/env python3
"""bench-wandb: W&B run logs, as JSON.

  full_load       a run of 1M history rows x 5 keys, written by the real wandb in offline mode
                  (cached under Fixtures/generated/wandb-1m): `hafs-viz runs --json` on it
                  against W&B's own reader, `wandb leet inspect --json`, with every line parsed
                  by Python's json, in the same run (median of 3 for ours, one of theirs)
  tail            the terminal front end on a run being written (a wandb process logging a row
                  every 0.25 s): from the moment a row's whole record is in the file to the frame
                  that draws it (hafs-viz's trace), median and max of up to 20

Usage: Scripts/bench_wandb.py [--binary .build/release/hafs-viz] [--rows 1000000] [--tail-only]
"""
import argparse, glob, json, os, re, statistics, struct, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wandb_venv  # noqa: E402

wandb_venv.ensure()
root = wandb_venv.ROOT
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--tail-only", action="store_true", help="measure only write-to-screen")
args = parser.parse_args()
results = {}

WRITER = """
import math, sys, time, wandb
rows, pause = int(sys.argv[1]), float(sys.argv[2])
run = wandb.init(project="bench", name="bench")
for step in range(rows):
    wandb.log({"loss": 1 / (1 + step * 1e-4), "acc": 1 - 1 / (2 + step * 1e-4), "lr": 1e-4 * math.cos(step * 1e-5),
               "grad_norm": 0.5 + math.sin(step) * 0.1, "eval/loss": 1.1 / (1 + step * 1e-4)}, step=step)
    if pause:
        time.sleep(pause)
run.finish()
"""


def write_run(folder, rows, pause=0.0):
    env = dict(os.environ, WANDB_MODE="offline", WANDB_SILENT="true", WANDB_DIR=folder)
    return subprocess.Popen([wandb_venv.PY, "-c", WRITER, str(rows), str(pause)], env=env)


def timed(command, **kwargs):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def leet_parsed(path):
    """W&B's reader with each record parsed: what a Python consumer of `leet inspect` pays."""
    start = time.perf_counter()
    process = subprocess.Popen([wandb_venv.WANDB, "leet", "inspect", "--json", path], stdout=subprocess.PIPE, text=True)
    rows = 0
    for line in process.stdout:
        if json.loads(line).get("type") == "history":
            rows += 1
    process.wait()
    return time.perf_counter() - start, rows


if not args.tail_only:
    big = os.path.join(root, "Fixtures", "generated", f"wandb-{args.rows // 1000}k" if args.rows < 1_000_000 else "wandb-1m")
    if not glob.glob(f"{big}/wandb/offline-run-*/run-*.wandb"):
        os.makedirs(big + ".tmp", exist_ok=True)
        print(f"bench-wandb: writing {args.rows} rows with wandb (a few minutes, once)", file=sys.stderr)
        write_run(big + ".tmp", args.rows).wait()
        os.rename(big + ".tmp", big)
    log = glob.glob(f"{big}/wandb/offline-run-*/run-*.wandb")[0]
    ours = [timed([args.binary, "runs", "--json", f"{big}/wandb"]) for _ in range(3)]
    theirs, rows = leet_parsed(log)
    results["full_load"] = {"file_mb": round(os.path.getsize(log) / 1e6, 1), "history_rows": rows,
                            "hafs_viz_s": round(statistics.median(ours), 2), "leet_inspect_json_parsed_s": round(theirs, 2),
                            "ratio": round(theirs / statistics.median(ours), 1)}

# Tail: the terminal on a run being written.
work = tempfile.mkdtemp()
socket = f"hafs-bench-wandb-{os.getpid()}"
writer = write_run(work, 200, 0.25)
deadline = time.time() + 60
while not glob.glob(f"{work}/wandb/offline-run-*/run-*.wandb") and time.time() < deadline:
    time.sleep(0.05)
live = glob.glob(f"{work}/wandb/offline-run-*/run-*.wandb")[0]
subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "60",
                f"env HAFS_VIZ_TRACE=1 XDG_CONFIG_HOME={work}/config TERM=xterm-256color {args.binary} runs {work}/wandb --tui "
                f"2>{work}/trace.log"], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def frames():
    text = open(f"{work}/trace.log").read() if os.path.exists(f"{work}/trace.log") else ""
    return [(int(n), float(at)) for n, at in re.findall(r"tui frame build [\d.]+ ms, render [\d.]+ ms, (\d+) bytes at ([\d.]+)", text)]


def history_records(path):
    """Whole history records in the log so far (W&B writes a record in pieces at times: a row is
    in the file once its last piece is): framed as the reader frames them."""
    data = open(path, "rb").read()
    pos, count, message = 7, 0, b""
    while pos + 7 <= len(data):
        left = 32768 - pos % 32768
        if left < 7:
            pos += left
            continue
        length, kind = struct.unpack("<HB", data[pos + 4:pos + 7])
        if pos + 7 + length > len(data):
            break
        body = data[pos + 7:pos + 7 + length]
        pos += 7 + length
        message = body if kind in (1, 2) else message + body
        if kind in (1, 4):
            # Record: num (field 1, a varint), then history is field 2 (tag 0x12).
            at = 1
            while at < len(message) and message[at] & 0x80:
                at += 1
            count += message[:1] == b"\x08" and message[at + 1:at + 2] == b"\x12"
            message = b""
    return count


time.sleep(3)
latencies = []
rows = history_records(live)
while len(latencies) < 20 and writer.poll() is None:
    now_rows = history_records(live)
    if now_rows == rows:
        time.sleep(0.002)
        continue
    rows, landed = now_rows, time.time()
    seen = len(frames())
    end = time.time() + 2
    while time.time() < end:
        hit = [at for n, at in frames()[seen:] if n > 0 and at >= landed]
        if hit:
            latencies.append(hit[0] - landed)
            break
        time.sleep(0.005)
    rows = history_records(live)
subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
writer.kill()
results["tail"] = {"write_to_screen_s_median": round(statistics.median(latencies), 3) if latencies else None,
                   "max_s": round(max(latencies), 3) if latencies else None, "samples": len(latencies)}
print(json.dumps(results, indent=2))
