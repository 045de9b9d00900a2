#!/usr/bin/env python3
"""A small real trainer for the hafs-viz Latent demo: a numpy autoencoder with a 2-D latent
space, pulled by the user's labels.

Reads   images.npy (N×H×W, uint8), labels.csv (Serial,label; optional), model.npz (optional:
        the weights of the last run, so the map moves on from where it was).
Writes  metrics.jsonl (one JSON object per epoch: step, loss, val_loss, recon_loss, label_loss),
        latent.npy (N×2 float32), reconstructions.npy (N×H×W float32 in [0, 1]),
        predictions.npy and certainty.npy (a distance-weighted vote of the 10 nearest labelled
        points in the latent space; only when there are labels), model.npz.
Every array is written to a temporary file and renamed into place, so a reader never sees half
of one.

  python3 train.py --dir DIR --epochs 40 --label-weight 1.0 --learning-rate 0.005
"""

import argparse
import csv
import json
import os
import sys

import numpy as np


def atomic_save(path, array):
    tmp = path + ".tmp.npy"
    np.save(tmp, array)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_labels(path, n):
    labels = {}
    if not os.path.exists(path):
        return labels
    with open(path, newline="") as f:
        for row in csv.reader(f):
            if len(row) != 2 or row[0].strip().lower() == "serial":
                continue
            try:
                index, label = int(row[0]), int(row[1])
            except ValueError:
                continue
            if 0 <= index < n and label >= 0:
                labels[index] = label
    return labels


def init_weights(rng, d, hidden, latent):
    def layer(i, o):
        return rng.normal(0, 1 / np.sqrt(i), (i, o)), np.zeros(o)
    w = {}
    w["W1"], w["b1"] = layer(d, hidden)
    w["W2"], w["b2"] = layer(hidden, latent)
    w["W3"], w["b3"] = layer(latent, hidden)
    w["W4"], w["b4"] = layer(hidden, d)
    return w


def forward(w, x):
    h1 = np.tanh(x @ w["W1"] + w["b1"])
    z = h1 @ w["W2"] + w["b2"]
    h3 = np.tanh(z @ w["W3"] + w["b3"])
    xh = 1 / (1 + np.exp(-(h3 @ w["W4"] + w["b4"])))
    return h1, z, h3, xh


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default=".")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--label-weight", type=float, default=1.0)
    parser.add_argument("--learning-rate", type=float, default=0.005)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="start from new weights, not model.npz")
    args = parser.parse_args()
    d = args.dir

    images = np.load(os.path.join(d, "images.npy"))
    n = images.shape[0]
    shape = images.shape[1:]
    x = images.reshape(n, -1).astype(np.float64) / 255.0
    labels = read_labels(os.path.join(d, "labels.csv"), n)
    labelled = np.array(sorted(labels), dtype=np.int64)
    y = np.full(n, -1)
    for index, label in labels.items():
        y[index] = label
    print(f"{n} images {shape}, {len(labels)} labels, {args.epochs} epochs, label weight {args.label_weight}, lr {args.learning_rate}", flush=True)

    rng = np.random.default_rng(args.seed)
    model_path = os.path.join(d, "model.npz")
    if os.path.exists(model_path) and not args.fresh:
        w = dict(np.load(model_path))
        print("continuing from model.npz", flush=True)
    else:
        w = init_weights(rng, x.shape[1], 64, 2)
    m = {k: np.zeros_like(v) for k, v in w.items()}
    v = {k: np.zeros_like(v) for k, v in w.items()}
    t = 0

    order = rng.permutation(n)
    val = order[: n // 10]
    train = order[n // 10:]
    metrics_path = os.path.join(d, "metrics.jsonl")
    with open(metrics_path, "w") as metrics:
        for epoch in range(1, args.epochs + 1):
            # Class centres in the latent space, from this epoch's start: labelled points are
            # pulled towards their class's centre.
            _, z_all, _, _ = forward(w, x)
            centres = {c: z_all[y == c].mean(axis=0) for c in set(labels.values())}
            rng.shuffle(train)
            recon_sum = label_sum = 0.0
            batches = 0
            for start in range(0, len(train), args.batch):
                idx = train[start:start + args.batch]
                xb = x[idx]
                h1, z, h3, xh = forward(w, xb)
                b = len(idx)
                recon = np.mean((xh - xb) ** 2)
                dxh = 2 * (xh - xb) / xh.size
                da4 = dxh * xh * (1 - xh)
                g = {"W4": h3.T @ da4, "b4": da4.sum(0)}
                da3 = (da4 @ w["W4"].T) * (1 - h3 ** 2)
                g["W3"], g["b3"] = z.T @ da3, da3.sum(0)
                dz = da3 @ w["W3"].T
                yb = y[idx]
                has = yb >= 0
                label_loss = 0.0
                if has.any() and args.label_weight > 0:
                    target = np.array([centres[c] for c in yb[has]])
                    diff = z[has] - target
                    # Scaled to the reconstruction loss (about 0.03), so weight 1 pulls without
                    # collapsing a class to a point.
                    pull = 0.002 * args.label_weight
                    label_loss = pull * np.mean(np.sum(diff ** 2, axis=1))
                    dz[has] += pull * 2 * diff / has.sum()
                g["W2"], g["b2"] = h1.T @ dz, dz.sum(0)
                da1 = (dz @ w["W2"].T) * (1 - h1 ** 2)
                g["W1"], g["b1"] = xb.T @ da1, da1.sum(0)
                t += 1
                for k in w:  # Adam
                    m[k] = 0.9 * m[k] + 0.1 * g[k]
                    v[k] = 0.999 * v[k] + 0.001 * g[k] ** 2
                    w[k] -= args.learning_rate * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
                recon_sum += recon
                label_sum += label_loss
                batches += 1
            _, _, _, xh_val = forward(w, x[val])
            val_loss = float(np.mean((xh_val - x[val]) ** 2))
            row = {"step": epoch, "loss": (recon_sum + label_sum) / batches, "val_loss": val_loss,
                   "recon_loss": recon_sum / batches, "label_loss": label_sum / batches}
            metrics.write(json.dumps(row) + "\n")
            metrics.flush()
            if epoch == 1 or epoch % 10 == 0 or epoch == args.epochs:
                print(f"epoch {epoch}/{args.epochs}  loss {row['loss']:.5f}  val_loss {val_loss:.5f}", flush=True)

    _, z, _, xh = forward(w, x)
    atomic_save(os.path.join(d, "latent.npy"), z.astype(np.float32))
    atomic_save(os.path.join(d, "reconstructions.npy"), xh.reshape((n,) + shape).astype(np.float32))
    tmp = model_path + ".tmp.npz"
    np.savez(tmp, **w)
    os.replace(tmp, model_path)
    for name in ("predictions.npy", "certainty.npy"):
        if not labels and os.path.exists(os.path.join(d, name)):
            os.remove(os.path.join(d, name))
    if labels:
        # A distance-weighted vote of the nearest labelled points; a labelled point is its label.
        k = min(10, len(labelled))
        dist = np.sqrt(((z[:, None, :] - z[labelled][None, :, :]) ** 2).sum(-1))
        nearest = np.argsort(dist, axis=1)[:, :k]
        weights = 1 / (np.take_along_axis(dist, nearest, 1) + 1e-6)
        votes = np.zeros((n, 10))
        for j in range(k):
            np.add.at(votes, (np.arange(n), y[labelled][nearest[:, j]] % 10), weights[:, j])
        predictions = votes.argmax(1)
        certainty = votes.max(1) / votes.sum(1)
        predictions[labelled] = y[labelled]
        certainty[labelled] = 1.0
        atomic_save(os.path.join(d, "predictions.npy"), predictions.astype(np.int64))
        atomic_save(os.path.join(d, "certainty.npy"), certainty.astype(np.float32))
    print(f"wrote latent.npy, reconstructions.npy{', predictions.npy, certainty.npy' if labels else ''}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
