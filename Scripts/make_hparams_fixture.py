#!/usr/bin/env python3
"""Writes Fixtures/hparams/: a tensorboardX run whose hyperparameters go through
`SummaryWriter.add_hparams` (the hparams plugin's session start info, in a sub-folder of the run,
as PyTorch and tensorboardX write it), and EXPECTED.json: the hyperparameters as they were
passed to the writer (its own values, never our reader's).

tensorboardX is installed from PyPI when missing. Usage: Scripts/make_hparams_fixture.py
"""
import json, os, shutil, subprocess, sys

try:
    import tensorboardX  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "tensorboardX"])
from tensorboardX import SummaryWriter

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "hparams")
shutil.rmtree(root, ignore_errors=True)
hparams = {"lr": 0.01, "batch_size": 64, "optimizer": "adamw", "bf16": True}
writer = SummaryWriter(logdir=os.path.join(root, "sweep"), flush_secs=1)
for step in range(10):
    writer.add_scalar("train/loss", 1.0 / (step + 1), global_step=step, walltime=1765374171.0 + step)
writer.add_hparams(hparams, {"hparam/accuracy": 0.91}, name="trial")
writer.close()
runs = []
for folder, _, files in sorted(os.walk(root)):
    if any("tfevents" in f for f in files):
        runs.append(os.path.relpath(folder, root))
with open(os.path.join(root, "EXPECTED.json"), "w") as f:
    json.dump({"params_run": "sweep/trial", "params": hparams, "runs": runs}, f, indent=2)
    f.write("\n")
print(f"wrote {root}: runs {runs}")
