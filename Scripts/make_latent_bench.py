"""Writes a Latent benchmark directory: N random points in 10 clusters (latent.npy, float32),
predictions.npy (the cluster, 10% flipped), certainty.npy, metadata.csv (a categorical column)
and labels.csv with up to 60,000 labels.

  python3 Scripts/make_latent_bench.py OUT N
"""
import os
import sys

import numpy as np

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
cluster = rng.integers(0, 10, n)
angle = cluster * 2 * np.pi / 10
centres = np.stack([np.cos(angle), np.sin(angle)], 1) * 10
points = centres + rng.normal(0, 2.2, (n, 2))
np.save(os.path.join(out, "latent.npy"), points.astype(np.float32))
predictions = np.where(rng.random(n) < 0.1, rng.integers(0, 10, n), cluster)
np.save(os.path.join(out, "predictions.npy"), predictions.astype(np.int64))
np.save(os.path.join(out, "certainty.npy"), rng.random(n).astype(np.float32))
with open(os.path.join(out, "metadata.csv"), "w") as f:
    f.write("source\n")
    f.write("\n".join(f"gen_{c % 4}" for c in cluster) + "\n")
labelled = rng.choice(n, min(60_000, n // 2), replace=False)
labelled.sort()
with open(os.path.join(out, "labels.csv"), "w") as f:
    f.write("Serial,label\n")
    f.write("".join(f"{i},{cluster[i]}\n" for i in labelled))
print(f"wrote {out}: {n} points")
