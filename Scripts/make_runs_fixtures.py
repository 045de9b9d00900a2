#!/usr/bin/env python3
"""Writes Fixtures/runs/ (a logdir with one run per format, named after the runs of
Fixtures/demo/training_feedback.json) and Fixtures/runs-bad/ (torn, corrupt and ragged logs), each
with EXPECTED.json: what `hafs-viz runs --json` must report, computed here from the values written.
The writers' own numbers are the oracle, never our reader.

Event files are written by tensorboardX (installed from PyPI when missing; never committed), the
other formats byte for byte as their frameworks lay them out. Deterministic: fixed seed, fixed
wall times, fixed file names (only the first record of a tensorboardX event file, file_version,
carries the time of writing, as tensorboardX writes it).

Usage: Scripts/make_runs_fixtures.py
"""
import json, math, os, random, shutil, struct, subprocess, sys

try:
    import tensorboardX  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "tensorboardX"])
from tensorboardX import SummaryWriter
from tensorboardX.proto import event_pb2, summary_pb2, tensor_pb2
from tensorboardX.record_writer import RecordWriter, masked_crc32c

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
rng = random.Random(20251210)
START = 1765374171.0  # 2025-12-10T13:42:51 UTC, the first demo run's start


def f32(x):
    """What a float32 field (tensorboardX's simple_value, a float tensor) holds."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


class Expected:
    """Collects, per run and tag, the points as the reader must see them."""

    def __init__(self):
        self.runs = {}

    def point(self, run, tag, step, value):
        self.runs.setdefault(run, {"tags": {}})["tags"].setdefault(tag, []).append((step, value))

    def run(self, run, fmt, status="ok", error_contains=None):
        entry = self.runs.setdefault(run, {"tags": {}})
        entry["format"] = fmt
        entry["status"] = status
        if error_contains:
            entry["error_contains"] = error_contains

    def write(self, path):
        out = []
        for name in sorted(self.runs):
            entry = self.runs[name]
            tags = {}
            for tag in sorted(entry["tags"]):
                points = entry["tags"][tag]
                finite = [v for _, v in points if math.isfinite(v)]
                last = points[-1][1]
                # Numbers as Python's repr text: the test reads them with Swift's Double(String),
                # which rounds correctly (Foundation's JSON reader may not).
                def text(value):
                    return repr(float(value)) if value is not None and math.isfinite(value) else None
                tags[tag] = {"points": len(points), "first_step": text(points[0][0]), "last_step": text(points[-1][0]),
                             "last_value": text(last), "min": text(min(finite) if finite else None),
                             "max": text(max(finite) if finite else None)}
            run = {"name": name, "format": entry["format"], "status": entry["status"], "tags": tags}
            if "error_contains" in entry:
                run["error_contains"] = entry["error_contains"]
            out.append(run)
        with open(path, "w") as f:
            json.dump({"runs": out}, f, indent=2, allow_nan=False)
            f.write("\n")


def curve(step, total, start=2.4, end=0.9, noise=0.04):
    return end + (start - end) * math.exp(-4 * step / total) + rng.uniform(-noise, noise)


def tensorboardx_run(folder, name, expected, steps, file_name, nan_at=None):
    """A PyTorch-style run: add_scalar for train/ and eval/ tags."""
    os.makedirs(folder, exist_ok=True)
    writer = SummaryWriter(logdir=folder, flush_secs=1)
    for step in range(steps):
        wall = START + step * 3.0
        loss = curve(step, steps)
        values = {"train/loss": loss, "train/learning_rate": 2e-4 * (1 - step / steps),
                  "train/grad_norm": float("nan") if step == nan_at else 0.5 + rng.random()}
        if step % 50 == 49:
            values["eval/loss"] = loss + 0.1
            values["eval/accuracy"] = 0.5 + 0.4 * step / steps
        for tag, value in values.items():
            writer.add_scalar(tag, value, global_step=step, walltime=wall)
            expected.point(name, tag, step, f32(value))
    writer.close()
    produced = [f for f in os.listdir(folder) if "tfevents" in f]
    os.rename(os.path.join(folder, produced[0]), os.path.join(folder, file_name))


def event_bytes(step, wall, values):
    """One Event with TF2-style rank-0 tensor scalars: (tag, kind, value, first)."""
    summary = summary_pb2.Summary()
    for tag, kind, value, first in values:
        v = summary.value.add(tag=tag)
        if first:
            v.metadata.plugin_data.plugin_name = "scalars"
        t = v.tensor
        t.tensor_shape.SetInParent()  # rank 0: a shape with no dims
        if kind == "float_val":
            t.dtype = 1
            t.float_val.append(value)
        elif kind == "double_val":
            t.dtype = 2
            t.double_val.append(value)
        else:  # raw little-endian float32 bytes, as TF writes tensor_content
            t.dtype = 1
            t.tensor_content = struct.pack("<f", value)
    return event_pb2.Event(step=step, wall_time=wall, summary=summary).SerializeToString()


def tf2_run(folder, name, expected, steps, file_name):
    """A TF2-style run (tf.summary.scalar writes tensors), written with tensorboardX's record writer."""
    os.makedirs(folder, exist_ok=True)
    writer = RecordWriter(os.path.join(folder, file_name))
    writer.write(event_pb2.Event(wall_time=START, file_version="brain.Event:2").SerializeToString())
    for step in range(steps):
        loss = curve(step, 600, noise=0.02)
        values = [("loss", "float_val", loss, step == 0), ("learning_rate", "double_val", 1e-4 * (1 + step % 7), step == 0),
                  ("throughput", "tensor_content", 1000 + rng.uniform(-50, 50), step == 0)]
        writer.write(event_bytes(step * 10, START + 86400 * 10 + step * 6.0, values))
        for tag, kind, value, _ in values:
            expected.point(name, tag, step * 10, value if kind == "double_val" else f32(value))
        # A histogram-plugin tensor in between: not a scalar, skipped.
        if step == 3:
            summary = summary_pb2.Summary()
            v = summary.value.add(tag="weights")
            v.metadata.plugin_data.plugin_name = "histograms"
            v.tensor.dtype = 2
            v.tensor.double_val.extend([0.0, 1.0, 2.0])
            writer.write(event_pb2.Event(step=step, wall_time=START, summary=summary).SerializeToString())
    writer.close()


def trainer_state_run(folder, name, expected):
    """Hugging Face: checkpoint-100/, checkpoint-200/ and the final trainer_state.json (sorted keys)."""
    history = []
    for step in range(10, 301, 10):
        history.append({"epoch": round(step / 100, 2), "grad_norm": 0.8 + rng.random(), "learning_rate": 5e-5 * (1 - step / 300),
                        "loss": round(curve(step, 300), 4), "step": step})
        if step % 100 == 0:
            history.append({"epoch": step / 100, "eval_accuracy": 0.6 + step / 1000, "eval_loss": round(curve(step, 300) + 0.05, 4),
                            "eval_runtime": 12.5, "eval_samples_per_second": 80.0, "eval_steps_per_second": 10.0, "step": step})
    final = {"epoch": 3.0, "step": 300, "total_flos": 1.2e15, "train_loss": 1.3, "train_runtime": 3600.0,
             "train_samples_per_second": 2.0, "train_steps_per_second": 0.083}

    def state(upto, last=False):
        rows = [r for r in history if r["step"] <= upto] + ([final] if last else [])
        return {"best_metric": None, "best_model_checkpoint": None, "epoch": upto / 100, "eval_steps": 100, "global_step": upto,
                "is_hyper_param_search": False, "is_local_process_zero": True, "is_world_process_zero": True, "log_history": rows,
                "logging_steps": 10, "max_steps": 300, "num_input_tokens_seen": 0, "num_train_epochs": 3, "save_steps": 100,
                "total_flos": 1e15, "train_batch_size": 8, "trial_name": None, "trial_params": None}

    for upto in (100, 200):
        os.makedirs(os.path.join(folder, f"checkpoint-{upto}"), exist_ok=True)
        with open(os.path.join(folder, f"checkpoint-{upto}", "trainer_state.json"), "w") as f:
            json.dump(state(upto), f, indent=2, sort_keys=True)
    with open(os.path.join(folder, "trainer_state.json"), "w") as f:
        json.dump(state(300, last=True), f, indent=2, sort_keys=True)
    for row in [r for r in history] + [final]:
        for key, value in row.items():
            if key in ("step", "epoch"):
                continue
            tag = "eval/" + key[5:] if key.startswith("eval_") else "train/" + key
            expected.point(name, tag, row["step"], value)


def lightning_run(folder, name, expected):
    """Lightning CSVLogger: union header, train and val values in different (sparse) rows."""
    os.makedirs(folder, exist_ok=True)
    rows = []
    for step in range(0, 500, 10):
        rows.append({"epoch": step // 100, "step": step, "train_loss": curve(step, 500)})
        expected.point(name, "train_loss", step, rows[-1]["train_loss"])
        if step % 100 == 90:
            rows.append({"epoch": step // 100, "step": step, "val_loss": curve(step, 500) + 0.08, "val_acc": 0.55 + step / 1500})
            expected.point(name, "val_loss", step, rows[-1]["val_loss"])
            expected.point(name, "val_acc", step, rows[-1]["val_acc"])
    header = ["epoch", "step", "train_loss", "val_acc", "val_loss"]
    with open(os.path.join(folder, "metrics.csv"), "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(repr(row[k]) if k in row else "" for k in header) + "\n")
    with open(os.path.join(folder, "hparams.yaml"), "w") as f:
        f.write("lr: 0.001\nbatch_size: 32\n")


def keras_run(folder, name, expected, file_name="training.log"):
    """Keras CSVLogger: epoch + sorted keys, NA for missing, excel dialect (CRLF)."""
    os.makedirs(folder, exist_ok=True)
    keys = ["accuracy", "loss", "val_accuracy", "val_loss"]
    with open(os.path.join(folder, file_name), "w", newline="") as f:
        f.write("epoch," + ",".join(keys) + "\r\n")
        for epoch in range(20):
            row = {"accuracy": 0.5 + epoch * 0.02, "loss": curve(epoch, 20)}
            if epoch % 2 == 1:  # validation every other epoch: NA otherwise
                row.update({"val_accuracy": 0.48 + epoch * 0.02, "val_loss": curve(epoch, 20) + 0.1})
            f.write(str(epoch) + "," + ",".join(repr(row[k]) if k in row else "NA" for k in keys) + "\r\n")
            for k in keys:
                if k in row:
                    expected.point(name, k, epoch, row[k])


def jsonl_run(folder, name, expected):
    """detectron2 metrics.json: every 20 iterations, bare NaN possible."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "metrics.json"), "w") as f:
        for iteration in range(19, 2000, 20):
            row = {"data_time": 0.01 + rng.random() / 100, "eta_seconds": (2000 - iteration) * 0.4, "iteration": iteration,
                   "loss_box_reg": curve(iteration, 2000, 0.8, 0.2), "loss_cls": curve(iteration, 2000, 1.2, 0.3),
                   "lr": 0.02 * min(1, iteration / 500), "time": 0.4 + rng.random() / 10,
                   "total_loss": float("nan") if iteration == 619 else curve(iteration, 2000, 2.5, 0.6)}
            f.write(json.dumps(row) + "\n")
            for key, value in row.items():
                if key != "iteration":
                    expected.point(name, key, iteration, value)


def mlflow_run(logdir, experiment, run_id, run_name, expected):
    """MLflow file store: metrics/<key> lines "<ms> <value> <step>", meta.yaml with run_name and status."""
    folder = os.path.join(logdir, "mlruns", experiment, run_id)
    name = f"mlruns/{experiment}/{run_id}"
    os.makedirs(os.path.join(folder, "metrics", "eval"), exist_ok=True)
    os.makedirs(os.path.join(folder, "params"), exist_ok=True)
    with open(os.path.join(folder, "meta.yaml"), "w") as f:
        f.write(f"artifact_uri: file:///mlruns/{experiment}/{run_id}/artifacts\nend_time: 1766072441987\nentry_point_name: ''\n"
                f"experiment_id: '{experiment}'\nlifecycle_stage: active\nrun_id: {run_id}\nrun_name: {run_name}\n"
                f"run_uuid: {run_id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1766066350399\n"
                f"status: 3\ntags: []\nuser_id: hafs\n")
    with open(os.path.join(folder, "params", "lr"), "w") as f:
        f.write("0.0003")
    ms = 1766066350399
    with open(os.path.join(folder, "metrics", "loss"), "w") as f:
        for step in range(150):
            value = curve(step, 150)
            f.write(f"{ms + step * 60000} {value} {step}\n")
            expected.point(name, "loss", step, value)
    with open(os.path.join(folder, "metrics", "eval", "accuracy"), "w") as f:
        f.write(f"{ms} 0.5\n")  # a 2-field line: step 0
        expected.point(name, "eval/accuracy", 0, 0.5)
        for step in range(25, 150, 25):
            f.write(f"{ms + step * 60000} {0.5 + step / 500} {step}\n")
            expected.point(name, "eval/accuracy", step, 0.5 + step / 500)
    expected.run(name, "mlflow")


# --- the demo logdir ------------------------------------------------------------------------------
runs = os.path.join(root, "runs")
shutil.rmtree(runs, ignore_errors=True)
expected = Expected()
tensorboardx_run(os.path.join(runs, "run_20251210_c8ee"), "run_20251210_c8ee", expected, 400,
                 "events.out.tfevents.1765374171.hafs-train.4711.0", nan_at=123)
expected.run("run_20251210_c8ee", "tfevents")
trainer_state_run(os.path.join(runs, "run_20251211_e8c1"), "run_20251211_e8c1", expected)
expected.run("run_20251211_e8c1", "trainer_state")
lightning_run(os.path.join(runs, "run_20251212_0f2c", "lightning_logs", "version_0"), "run_20251212_0f2c/lightning_logs/version_0", expected)
expected.run("run_20251212_0f2c/lightning_logs/version_0", "lightning_csv")
keras_run(os.path.join(runs, "run_20251213_80e1"), "run_20251213_80e1", expected)
expected.run("run_20251213_80e1", "keras_csv")
jsonl_run(os.path.join(runs, "run_20251214_734a"), "run_20251214_734a", expected)
expected.run("run_20251214_734a", "jsonl")
mlflow_run(runs, "0", "4f2a9c1be0d84e4c9d6e6a0f0b7c2d51", "run_20251215_52c3", expected)
tf2_run(os.path.join(runs, "run_20251216_8f4b"), "run_20251216_8f4b", expected, 60, "events.out.tfevents.1766197716.hafs-train.5120.0.v2")
expected.run("run_20251216_8f4b", "tfevents")
expected.write(os.path.join(runs, "EXPECTED.json"))

# --- bad logs -----------------------------------------------------------------------------------
bad = os.path.join(root, "runs-bad")
shutil.rmtree(bad, ignore_errors=True)
expected = Expected()


def record_offsets(path):
    """Byte offset of every TFRecord in a file."""
    data = open(path, "rb").read()
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        (length,) = struct.unpack_from("<Q", data, at)
        at += 12 + length + 4
    return data, offsets


def small_tb(folder, name, steps=20):
    tensorboardx_run(folder, name, expected, steps, "events.out.tfevents.1765374171.hafs.1.0")
    return os.path.join(folder, "events.out.tfevents.1765374171.hafs.1.0")


# A torn last record: the writer is mid-write. Normal: everything before it reads ok.
path = small_tb(os.path.join(bad, "torn-tail"), "torn-tail")
data, offsets = record_offsets(path)
open(path, "wb").write(data[:offsets[-1] + 9])  # cut inside the last record's length CRC
# The expected points: every event but the last, as stored (float32).
expected.runs["torn-tail"]["tags"] = {}
torn = event_pb2.Event()
for at in offsets[1:-1]:
    (length,) = struct.unpack_from("<Q", data, at)
    torn.ParseFromString(data[at + 12:at + 12 + length])
    for v in torn.summary.value:
        expected.point("torn-tail", v.tag, torn.step, v.simple_value)
expected.run("torn-tail", "tfevents")

# A bad length checksum: nothing after it can be framed; the points before it stay.
path = small_tb(os.path.join(bad, "bad-length-crc"), "bad-length-crc")
data, offsets = record_offsets(path)
cut = offsets[len(offsets) // 2]
corrupt = bytearray(data)
corrupt[cut + 8] ^= 0xFF
open(path, "wb").write(bytes(corrupt))
expected.runs["bad-length-crc"]["tags"] = {}
for at in offsets[1:len(offsets) // 2]:
    (length,) = struct.unpack_from("<Q", data, at)
    torn.ParseFromString(data[at + 12:at + 12 + length])
    for v in torn.summary.value:
        expected.point("bad-length-crc", v.tag, torn.step, v.simple_value)
expected.run("bad-length-crc", "tfevents", "failed", [f"byte {cut}", "record length fails its checksum"])

# A bad data checksum: that record is skipped, the rest read.
path = small_tb(os.path.join(bad, "bad-data-crc"), "bad-data-crc")
data, offsets = record_offsets(path)
hit = offsets[5]
(length,) = struct.unpack_from("<Q", data, hit)
corrupt = bytearray(data)
corrupt[hit + 12 + length] ^= 0xFF  # the data CRC's first byte
open(path, "wb").write(bytes(corrupt))
expected.runs["bad-data-crc"]["tags"] = {}
for at in offsets[1:]:
    if at == hit:
        continue
    (length,) = struct.unpack_from("<Q", data, at)
    torn.ParseFromString(data[at + 12:at + 12 + length])
    for v in torn.summary.value:
        expected.point("bad-data-crc", v.tag, torn.step, v.simple_value)
expected.run("bad-data-crc", "tfevents", "failed", [f"byte {hit}", "data checksum"])

# A Keras CSV with a ragged row (line 6): reported by line, the other rows kept.
folder = os.path.join(bad, "ragged-csv")
keras_run(folder, "ragged-csv", expected, file_name="history.csv")
lines = open(os.path.join(folder, "history.csv"), newline="").read().split("\r\n")
lines[5] = lines[5] + ",0.5"
open(os.path.join(folder, "history.csv"), "w", newline="").write("\r\n".join(lines))
# Rebuild expectations without line 6 (epoch 4).
expected.runs["ragged-csv"]["tags"] = {}
for line in lines[1:]:
    if not line or line == lines[5]:
        continue
    cells = line.split(",")
    for key, cell in zip(["accuracy", "loss", "val_accuracy", "val_loss"], cells[1:]):
        if cell != "NA":
            expected.point("ragged-csv", key, int(cells[0]), float(cell))
expected.run("ragged-csv", "keras_csv", "failed", ["line 6", "row has 6 fields, the header has 5"])

# JSONL with a line that is not JSON (line 3): reported, the other lines kept.
folder = os.path.join(bad, "bad-jsonl")
os.makedirs(folder)
with open(os.path.join(folder, "metrics.jsonl"), "w") as f:
    for step in range(6):
        if step == 2:
            f.write("{\"step\": 2, \"loss\": \n")
            continue
        f.write(json.dumps({"step": step, "loss": 1.0 / (step + 1)}) + "\n")
        expected.point("bad-jsonl", "loss", step, 1.0 / (step + 1))
expected.run("bad-jsonl", "jsonl", "failed", ["line 3", "not a JSON object"])
expected.write(os.path.join(bad, "EXPECTED.json"))
print(f"wrote {os.path.relpath(runs)} and {os.path.relpath(bad)}")
