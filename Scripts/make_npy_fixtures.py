#!/usr/bin/env python3
"""Writes Fixtures/npy/: small .npy files made by numpy itself (every header version and element
type the latent explorer reads, and the kinds it must refuse), with EXPECTED.json giving each
readable file's version, dtype, shape and values (NaN as null). Run once; the output is
committed, so the tests need no numpy.

Usage: python3 Scripts/make_npy_fixtures.py [out_dir]
"""
import json
import os
import sys

import numpy as np
from numpy.lib import format as npformat

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Fixtures", "npy")
os.makedirs(out, exist_ok=True)
expected = {}


def write(name, array, version=None):
    path = os.path.join(out, name)
    with open(path, "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=False)
    flat = array.reshape(-1)
    expected[name] = {
        "version": open(path, "rb").read(7)[6],  # the major version numpy wrote
        "dtype": array.dtype.str,
        "shape": list(array.shape),
        "values": [None if isinstance(v, float) and v != v else v for v in flat.tolist()],
    }


rng = np.random.default_rng(7)
write("latent_f4.npy", rng.normal(size=(5, 2)).astype(np.float32))
f8 = rng.normal(size=(4, 3))
f8[1, 2] = np.nan
write("features_f8.npy", f8)
write("predictions_i8_v2.npy", np.array([3, 1, 4, 1, 5, 9], dtype=np.int64), version=(2, 0))
write("labels_i4.npy", np.array([-2, 0, 7, 2147483647, -2147483648], dtype=np.int32))
write("images_u1_v3.npy", np.arange(3 * 4 * 4, dtype=np.uint8).reshape(3, 4, 4), version=(3, 0))
write("scalar_f8.npy", np.array(2.5))

# Refused: each with the reason the reader gives.
np.save(os.path.join(out, "bad-fortran.npy"), np.asfortranarray(np.arange(6, dtype=np.float32).reshape(3, 2)))
np.save(os.path.join(out, "bad-object.npy"), np.array([1, "a"], dtype=object), allow_pickle=True)
np.save(os.path.join(out, "bad-bigendian.npy"), np.arange(4, dtype=">f4"))
np.save(os.path.join(out, "bad-complex.npy"), np.arange(3, dtype=np.complex64))
whole = open(os.path.join(out, "latent_f4.npy"), "rb").read()
open(os.path.join(out, "bad-truncated.npy"), "wb").write(whole[:-5])
open(os.path.join(out, "bad-header-cut.npy"), "wb").write(whole[:40])
open(os.path.join(out, "bad-not-npy.npy"), "wb").write(b"Serial,label\n0,3\n")
open(os.path.join(out, "bad-empty.npy"), "wb").write(b"")

with open(os.path.join(out, "EXPECTED.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
print(f"wrote {len(expected)} readable and 8 refused .npy files to {out}")
