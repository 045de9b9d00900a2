#!/usr/bin/env python3
"""Writes the W&B fixtures with the real wandb package, in offline mode:

- Fixtures/runs/wandb/offline-run-*/: a run named after the demo's run_20251215_52c3 (so the
  Dashboard links to its curves), with config, history (nested keys, a NaN, an image and a
  histogram), summary and exit; its entry in Fixtures/runs/EXPECTED.json is taken from W&B's own
  reader (`wandb leet inspect --json`), never from ours.
- Fixtures/wandb-bad/torn/run-torn.wandb: that log cut inside its last history record (a run
  killed mid-write); EXPECTED.json beside it says what W&B's reader reads of it.
- Fixtures/wandb-bad/newer/run-newer.wandb: that log with one record of a kind W&B 0.31 does not
  have (field 99, as a newer W&B might write), framed and checksummed as W&B frames records.

wandb, numpy and pillow are installed from PyPI into .build/wandb-venv when missing (never
committed). Usage: Scripts/make_wandb_fixtures.py (it re-runs itself under that venv).
"""
import glob, json, math, os, shutil, struct, subprocess, sys, tempfile, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wandb_venv  # noqa: E402

wandb_venv.ensure()
ROOT = wandb_venv.ROOT
WANDB = wandb_venv.WANDB

RUN_ID = "hafs52c3"
NAME = "run_20251215_52c3"


def write_run(work):
    """The demo's run 52c3 as a W&B offline run: 400 steps, eval every 50."""
    import numpy as np
    import wandb

    rng = np.random.default_rng(20251215)
    os.environ.update({"WANDB_MODE": "offline", "WANDB_SILENT": "true", "WANDB_DIR": work, "WANDB_RUN_ID": RUN_ID})
    run = wandb.init(project="hafs", name=NAME, config={
        "model_name": "hafs-general-v6", "learning_rate": 2e-4, "batch_size": 16, "epochs": 3,
        "optimizer": {"name": "adamw", "weight_decay": 0.01}, "bf16": True})
    for step in range(400):
        loss = 1.1 + 1.3 * math.exp(-step / 90) + float(rng.uniform(-0.03, 0.03))
        row = {"train": {"loss": loss, "learning_rate": 2e-4 * (1 - step / 400)},
               "train/grad_norm": float("nan") if step == 200 else float(0.4 + rng.random())}
        if step % 50 == 49:
            row["eval"] = {"loss": loss + 0.08, "accuracy": 0.55 + 0.35 * step / 400}
        if step == 100:
            row["samples"] = wandb.Image(rng.integers(0, 255, (8, 8, 3), dtype=np.uint8))
        if step == 150:
            row["weights"] = wandb.Histogram(rng.normal(size=200))
        wandb.log(row, step=step * 10)
    run.summary["final_loss"] = 1.1593
    run.finish()
    return glob.glob(os.path.join(work, "wandb", "offline-run-*"))[0]


def leet_records(path):
    out = subprocess.run([WANDB, "leet", "inspect", "--json", path], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def expected_tags(path):
    """Per tag, the points W&B's reader shows: history rows' numeric items by their dotted keys,
    at the row's step; W&B's own `_` keys and media (a key with `_type` under it) left out."""
    points = {}
    for record in leet_records(path):
        if record.get("type") != "history":
            continue
        item = record["history"]["item"]
        step = record["history"].get("step", {}).get("num", item.get("_step"))
        media = {key[: -len("._type")] for key in item if key.endswith("._type")}
        for key, value in item.items():
            if key.startswith("_") or any(key.startswith(m + ".") for m in media):
                continue
            if value == "NaN":
                value = float("nan")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            points.setdefault(key, []).append((float(step), float(value)))
    return points


def tag_figures(points):
    def text(value):
        return repr(float(value)) if value is not None and math.isfinite(value) else None
    out = {}
    for tag in sorted(points):
        pts = points[tag]
        finite = [v for _, v in pts if math.isfinite(v)]
        out[tag] = {"points": len(pts), "first_step": text(pts[0][0]), "last_step": text(pts[-1][0]),
                    "last_value": text(pts[-1][1]), "min": text(min(finite) if finite else None),
                    "max": text(max(finite) if finite else None)}
    return out


def frame(kind, data):
    """One W&B log record: CRC-32 (zlib, over the type byte and the data), u16 length, u8 type."""
    return struct.pack("<IHB", zlib.crc32(data, zlib.crc32(bytes([kind]))) & 0xFFFFFFFF, len(data), kind) + data


def append_record(path, data):
    """Appends `data` as one full record, padding to the next block when its header would not fit."""
    with open(path, "rb") as f:
        size = len(f.read())
    left = 32768 - size % 32768
    with open(path, "ab") as f:
        if left < 7 + len(data):
            f.write(b"\0" * left)
        f.write(frame(1, data))


def main():
    work = tempfile.mkdtemp()
    try:
        run_dir = write_run(work)
        runs = os.path.join(ROOT, "Fixtures", "runs")
        target = os.path.join(runs, "wandb", os.path.basename(run_dir))
        shutil.rmtree(os.path.join(runs, "wandb"), ignore_errors=True)
        shutil.copytree(run_dir, target, ignore=shutil.ignore_patterns("tmp", "*.lock"))
        log = os.path.join(target, f"run-{RUN_ID}.wandb")
        name = os.path.relpath(target, runs)

        expected_path = os.path.join(runs, "EXPECTED.json")
        with open(expected_path) as f:
            expected = json.load(f)
        expected["runs"] = [r for r in expected["runs"] if r.get("format") != "wandb"]
        expected["runs"].append({"name": name, "format": "wandb", "status": "ok", "tags": tag_figures(expected_tags(log))})
        expected["runs"].sort(key=lambda r: r["name"])
        with open(expected_path, "w") as f:
            json.dump(expected, f, indent=2, allow_nan=False)
            f.write("\n")

        bad = os.path.join(ROOT, "Fixtures", "wandb-bad")
        shutil.rmtree(bad, ignore_errors=True)
        os.makedirs(os.path.join(bad, "torn"))
        os.makedirs(os.path.join(bad, "newer"))
        with open(log, "rb") as f:
            whole = f.read()
        # Cut inside the last history record: find where it starts, keep half of it.
        records = leet_records(log)
        last_history = max(r["num"] for r in records if r.get("type") == "history")
        cut = cut_inside_record(whole, last_history)
        torn = os.path.join(bad, "torn", "run-torn.wandb")
        with open(torn, "wb") as f:
            f.write(whole[:cut])
        torn_expected = tag_figures(expected_tags(torn))
        newer = os.path.join(bad, "newer", "run-newer.wandb")
        shutil.copyfile(log, newer)
        # Record{num: 9999, field 99: a message holding one string}: a kind W&B 0.31 does not know.
        inner = b"\x0a\x05hello"
        append_record(newer, b"\x08" + varint(9999) + varint(99 << 3 | 2) + varint(len(inner)) + inner)
        newer_expected = tag_figures(expected_tags(newer))
        with open(os.path.join(bad, "EXPECTED.json"), "w") as f:
            json.dump({"torn": {"cut_at": cut, "tags": torn_expected}, "newer": {"tags": newer_expected}}, f, indent=2,
                      allow_nan=False)
            f.write("\n")
        print(f"wrote {target}, {torn} (cut at byte {cut}) and {newer}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def varint(value):
    out = b""
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def cut_inside_record(whole, number):
    """A byte offset in the middle of the full record whose Record.num is `number`."""
    pos = 7
    while pos + 7 <= len(whole):
        left = 32768 - pos % 32768
        if left < 7:
            pos += left
            continue
        _, length, kind = struct.unpack("<IHB", whole[pos:pos + 7])
        data = whole[pos + 7:pos + 7 + length]
        if kind == 1 and data[:1] == b"\x08" and read_varint(data, 1) == number:
            return pos + 7 + length // 2
        pos += 7 + length
    raise SystemExit(f"record {number} not found")


def read_varint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value
        shift += 7


if __name__ == "__main__":
    main()
