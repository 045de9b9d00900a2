"""Writes Fixtures/generated/latent-demo/ from scikit-learn's bundled digits (see make-latent-demo).

images.npy (1797×8×8 uint8), metadata.csv (the true digit and the ink of each image), train.py
(a copy of examples/latent/train.py), latent.toml naming this Python to run it, then one first
training run without labels: latent.npy, reconstructions.npy, metrics.jsonl. An existing
labels.csv is kept (and used by that first run).
"""

import os
import shutil
import subprocess
import sys

import numpy as np
from sklearn.datasets import load_digits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "generated", "latent-demo")


def main():
    os.makedirs(OUT, exist_ok=True)
    digits = load_digits()
    # Values 0–16 → 0–255.
    images = np.clip(np.rint(digits.images * 255.0 / 16.0), 0, 255).astype(np.uint8)
    np.save(os.path.join(OUT, "images.npy"), images)
    with open(os.path.join(OUT, "metadata.csv"), "w") as f:
        f.write("true_digit,ink\n")
        for target, image in zip(digits.target, digits.images):
            f.write(f"digit {target},{image.sum():.0f}\n")
    shutil.copy(os.path.join(ROOT, "examples", "latent", "train.py"), os.path.join(OUT, "train.py"))
    python = sys.executable
    with open(os.path.join(OUT, "latent.toml"), "w") as f:
        f.write(f'''# The Latent workspace's training command (hafs-viz latent {OUT}).
command = "'{python}' train.py --dir {{dir}} --epochs {{epochs}} --label-weight {{label_weight}} --learning-rate {{learning_rate}}"
metrics = "metrics.jsonl"
outputs = ["latent.npy", "reconstructions.npy", "predictions.npy", "certainty.npy"]
epochs = 60

[params.label_weight]
min = 0.0
max = 5.0
default = 1.0

[params.learning_rate]
min = 0.0005
max = 0.02
default = 0.005
''')
    for stale in ("model.npz", "predictions.npy", "certainty.npy"):
        path = os.path.join(OUT, stale)
        if os.path.exists(path) and not os.path.exists(os.path.join(OUT, "labels.csv")):
            os.remove(path)
    subprocess.run([python, "train.py", "--dir", OUT, "--epochs", "150", "--fresh"], cwd=OUT, check=True)
    print(f"wrote {OUT}: {len(images)} digits; open it with: hafs-viz latent {OUT}")


if __name__ == "__main__":
    main()
