#!/usr/bin/env python3
"""Writes Fixtures/demo/ exactly as the real producers write it: json.dumps(indent=2), bare NaN,
non-ASCII escaped as \\uXXXX, zone-less local timestamps. Deterministic (fixed seed).

Usage: Scripts/make_demo.py [OUT_DIR]   (default: Fixtures/demo)
"""
import json, math, os, random, sys
from datetime import datetime, timedelta

rng = random.Random(20251221)
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Fixtures", "demo")
os.makedirs(out, exist_ok=True)

DOMAINS = ["code", "math", "reasoning", "dialogue", "multilingüe"]
# Quality drift per domain over the week: code improves, dialogue declines, the rest hover.
DRIFT = {"code": 0.25, "math": 0.05, "reasoning": 0.12, "dialogue": -0.22, "multilingüe": 0.0}
GENERATORS = {  # name -> (domains it serves, base acceptance)
    "code_generator": (["code"], 0.72),
    "math_generator": (["math"], 0.64),
    "reasoning_generator": (["reasoning", "math"], 0.55),
    "dialogue_generator": (["dialogue"], 0.41),
    "übersetzer": (["multilingüe"], 0.58),
    "unknown": (DOMAINS, 0.35),
}
REASONS = ["low_diversity", "kg_inconsistent", "high_hallucination", "low_coherence", "duplicate",
           "syntax_error", "invalid_instruction", "empty_output", "too_short", "too_long",
           "validation_failed", "other"]

start = datetime(2025, 12, 15, 8, 0, 0, 123456)
history = []
N = 620
for i in range(N):
    t = start + timedelta(seconds=i * (6.5 * 86400 / N) + rng.uniform(0, 300))
    progress = i / (N - 1)
    generator = rng.choices(list(GENERATORS), weights=[5, 4, 4, 3, 2, 6])[0]
    domain = rng.choice(GENERATORS[generator][0])
    reason = rng.choices(REASONS, weights=[9, 6, 7, 6, 5, 3, 2, 2, 3, 2, 2, 1])[0]
    if reason == "validation_failed":
        scores = {"diversity": 0, "kg_consistency": 0, "hallucination_risk": 1.0, "coherence": 0, "overall": 0}
    else:
        base = 0.55 + DRIFT[domain] * progress
        jitter = lambda s=0.07: rng.gauss(0, s)
        scores = {
            "diversity": round(min(1, max(0, base + 0.05 + jitter())), 6),
            "kg_consistency": round(min(1, max(0, base + 0.1 + jitter())), 6),
            "hallucination_risk": round(min(1, max(0, 0.9 - base + jitter())), 6),
            "coherence": round(min(1, max(0, base + 0.15 + jitter())), 6),
            "overall": round(min(1, max(0, base + jitter(0.05))), 6),
        }
        if rng.random() < 0.01:  # a scorer that crashed: Python writes bare NaN
            scores["kg_consistency"] = float("nan")
    history.append({
        "sample_id": f"{domain[:4]}_{i:05d}_{rng.getrandbits(24):06x}",
        "domain": domain, "generator": generator, "reason": reason,
        "scores": scores, "timestamp": t.isoformat(),
    })

generator_stats = {}
for name, (_, acceptance) in GENERATORS.items():
    generated = rng.randint(900, 4200)
    accepted = int(generated * acceptance)
    rejected = generated - accepted
    weights = [rng.random() ** 2 for _ in REASONS]
    reasons = {}
    left = rejected
    for r, w in sorted(zip(REASONS, weights), key=lambda x: -x[1])[:6]:
        n = min(left, int(rejected * w / sum(weights) * 1.6))
        if n > 0:
            reasons[r] = n
            left -= n
    if left > 0:
        reasons["other"] = reasons.get("other", 0) + left
    avg = round(0.5 + acceptance * 0.4 + rng.uniform(-0.03, 0.03), 4)
    generator_stats[name] = {
        "samples_generated": generated, "samples_accepted": accepted, "samples_rejected": rejected,
        "rejection_reasons": reasons, "avg_quality_score": avg, "total_quality_sum": round(avg * generated, 3),
    }

quality = {
    "thresholds": {"min_quality_score": 0.7, "min_diversity": 0.3, "max_hallucination_risk": 0.5,
                   "min_kg_consistency": 0.6, "min_coherence": 0.5, "similarity_threshold": 0.92},
    "generator_stats": generator_stats,
    "rejection_history": history,
    "last_updated": history[-1]["timestamp"],
}

DIM = 768
centers = {d: [rng.gauss(0, 1) for _ in range(DIM)] for d in DOMAINS}
regions = []
for k in range(50):
    domain = DOMAINS[k % len(DOMAINS)]
    spread = 0.35 if domain != "dialogue" else 0.8
    vec = [c + rng.gauss(0, spread) for c in centers[domain]]
    norm = math.sqrt(sum(v * v for v in vec))
    count = max(1, int(rng.lognormvariate(4.2, 0.8)))
    if k in (7, 19, 33, 41):
        count = rng.randint(2, 9)  # thin spots
    regions.append({
        "centroid": [round(v / norm, 5) for v in vec],
        "sample_count": count,
        "sample_ids": [f"{domain[:4]}_{rng.getrandbits(32):08x}" for _ in range(min(count, 100))],
        "domain": domain,
        "avg_quality": 0.0 if k % 4 == 0 else round(rng.uniform(0.55, 0.9), 4),
    })
active = {"regions": regions, "embedding_dim": DIM, "num_regions": len(regions),
          "last_updated": history[-1]["timestamp"]}

runs = {}
run_start = datetime(2025, 12, 10, 9, 30, 0)
models = ["hafs-coder", "hafs-math", "hafs-general"]
for k in range(7):
    s = run_start + timedelta(days=k * 1.6, hours=rng.uniform(0, 5))
    running = k == 6
    e = None if running else s + timedelta(hours=rng.uniform(2, 14))
    dist = {d: rng.randint(200, 4000) for d in rng.sample(DOMAINS, 3)}
    loss = None if running else round(1.9 - 0.12 * k + rng.uniform(-0.15, 0.15), 4)
    runs[f"run_2025121{k}_{rng.getrandbits(16):04x}"] = {
        "model_name": f"{models[k % 3]}-v{k + 1}", "base_model": rng.choice(["Qwen2.5-7B", "Llama-3.1-8B"]),
        "dataset_path": f"/data/train/{k:02d}.jsonl", "samples_count": sum(dist.values()),
        "domain_distribution": dist, "start_time": s.isoformat(), "end_time": e.isoformat() if e else None,
        "final_loss": loss,
        "eval_metrics": {} if running else {"accuracy": round(rng.uniform(0.55, 0.82), 4),
                                             "pass@1": round(rng.uniform(0.2, 0.6), 4)},
        "notes": "still training" if running else rng.choice(["", "lr 2e-5", "more math data", "bigger batch — faster"]),
    }
training = {
    "training_runs": runs,
    "domain_effectiveness": {d: round(rng.uniform(-0.2, 0.4), 4) for d in DOMAINS},
    "quality_threshold_effectiveness": {"0.6": 0.012, "0.7": 0.031, "0.8": -0.004},
    "last_updated": datetime(2025, 12, 21, 22, 55, 31, 123456).isoformat(),
}

for name, data in [("quality_feedback.json", quality), ("active_learning.json", active),
                   ("training_feedback.json", training)]:
    with open(os.path.join(out, name), "w") as f:
        f.write(json.dumps(data, indent=2))
print(f"wrote {out}")
