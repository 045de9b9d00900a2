"""The venv the W&B scripts run in: wandb (the version the fixtures were written with), numpy and
pillow from PyPI, in .build/wandb-venv (never committed). `ensure()` creates it when missing and
re-runs the calling script under it."""
import os, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
VENV = os.path.join(ROOT, ".build", "wandb-venv")
PY = os.path.join(VENV, "bin", "python")
WANDB = os.path.join(VENV, "bin", "wandb")
VERSION = "0.31.0"


def ensure():
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([PY, "-m", "pip", "install", "-q", f"wandb=={VERSION}", "numpy", "pillow"])
    os.execv(PY, [PY] + sys.argv)
