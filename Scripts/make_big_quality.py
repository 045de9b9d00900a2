#!/usr/bin/env python3
"""Writes a big quality_feedback.json shaped like the producers' (json.dumps indent=2), for
benchmarks. Never committed.  Usage: Scripts/make_big_quality.py OUT_DIR [MEGABYTES=100]"""
import json, os, random, sys
from datetime import datetime, timedelta

out = sys.argv[1]
megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 100
os.makedirs(out, exist_ok=True)
rng = random.Random(7)
domains = ["code", "math", "reasoning", "dialogue", "multilingüe"]
generators = ["code_generator", "math_generator", "reasoning_generator", "dialogue_generator", "unknown"]
reasons = ["low_diversity", "kg_inconsistent", "high_hallucination", "low_coherence", "duplicate", "too_short"]
entries = int(megabytes * 1e6 / 435)
start = datetime(2025, 11, 1)
history = []
for i in range(entries):
    d = rng.choice(domains)
    history.append({
        "sample_id": f"{d[:4]}_{i:07d}_{rng.getrandbits(32):08x}",
        "domain": d, "generator": rng.choice(generators), "reason": rng.choice(reasons),
        "scores": {"diversity": rng.random(), "kg_consistency": rng.random(),
                   "hallucination_risk": rng.random(), "coherence": rng.random(), "overall": rng.random()},
        "timestamp": (start + timedelta(seconds=i * 7.3)).isoformat(),
    })
stats = {g: {"samples_generated": 1000, "samples_accepted": 600, "samples_rejected": 400,
             "rejection_reasons": {r: 400 // len(reasons) for r in reasons},
             "avg_quality_score": 0.7, "total_quality_sum": 700.0} for g in generators}
data = {"thresholds": {"min_quality_score": 0.7}, "generator_stats": stats,
        "rejection_history": history, "last_updated": datetime.now().isoformat()}
path = os.path.join(out, "quality_feedback.json")
with open(path, "w") as f:
    f.write(json.dumps(data, indent=2))
print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB, {entries} history entries")
