#!/usr/bin/env python3
"""Computes the drift figures independently with scipy and numpy and writes them as Swift
literals into Tests/HafsVizCoreTests/DriftReference.swift (committed; run again after changing
the demo or the cases below).

Definitions (docs/data-format.md, "Drift"): per (domain, metric), the finite values in file
order, validation failures left out (reason validation_failed, or exactly the five dummy scores); recent = the last ceil(n/4) clamped to [20, 250]; baseline = the rest; insufficient under
20 baseline values. D = ks_2samp(...).statistic, p = kstwobign.sf(sqrt(n1*n2/(n1+n2)) * D),
PSI over the baseline's deciles (numpy's linear quantiles, a value on a cut goes above it) with
a 1e-4 floor on empty shares; direction from the medians, flipped for hallucination_risk.
q: scipy's Benjamini-Hochberg (false_discovery_control) over the demo's score tests; status from q.
Failure rate: per domain, every entry in file order, the same windows; a two-sided two-proportion
z-test with pooled variance (p = 2 * norm.sf(|z|), 1 when the pooled share is 0 or 1); its own
Benjamini-Hochberg family.

Usage: Scripts/drift_reference.py && Scripts/format   (needs scipy: pip install scipy; the formatter keeps the
file as Scripts/test's lint wants it)
"""
import json, math, os
import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(__file__), "..")


def split(values):
    """Baseline and recent window: the last ceil(n/4) values clamped to [20, 250], and the rest."""
    n = len(values)
    recent_count = min(min(max(math.ceil(n / 4), 20), 250), n)
    return values[: n - recent_count], values[n - recent_count:]


def drift(values, lower_is_better):
    baseline, recent = split(values)
    if len(baseline) < 20:
        return dict(baseline=len(baseline), recent=len(recent), d=None, p=None, q=None, psi=None, status="insufficient", direction=None)
    d = stats.ks_2samp(baseline, recent).statistic
    ne = len(baseline) * len(recent) / (len(baseline) + len(recent))
    p = stats.kstwobign.sf(math.sqrt(ne) * d)
    cuts = np.quantile(baseline, [k / 10 for k in range(1, 10)])
    def shares(v):
        counts = np.bincount(np.searchsorted(cuts, v, side="right"), minlength=10)
        return np.maximum(counts / len(v), 1e-4)
    b, r = shares(baseline), shares(recent)
    psi = float(np.sum((r - b) * np.log(r / b)))
    change = np.median(recent) - np.median(baseline)
    if lower_is_better:
        change = -change
    direction = "better" if change > 0 else "worse" if change < 0 else "unchanged"
    return dict(baseline=len(baseline), recent=len(recent), d=float(d), p=float(p), q=float(p), psi=psi, status=status_of(p), direction=direction)


def status_of(q):
    return "drift" if q < 0.05 else "possible" if q < 0.15 else "ok"


def adjust(rows):
    """Benjamini-Hochberg over the rows that have a p; status from q."""
    tested = [r for r in rows if r["p"] is not None]
    if tested:
        for r, q in zip(tested, stats.false_discovery_control([r["p"] for r in tested], method="bh")):
            r["q"], r["status"] = float(q), status_of(float(q))


DUMMY = {"diversity": 0.0, "kg_consistency": 0.0, "hallucination_risk": 1.0, "coherence": 0.0, "overall": 0.0}


def is_validation_failure(entry):
    scores = entry.get("scores", {})
    return entry.get("reason") == "validation_failed" or (set(scores) == set(DUMMY) and all(scores[k] == v for k, v in DUMMY.items()))


def failure_rate(flags):
    baseline, recent = split(flags)
    if len(baseline) < 20:
        return dict(baseline=len(baseline), recent=len(recent), p1=None, p2=None, p=None, q=None, status="insufficient", direction=None)
    x1, x2, n1, n2 = sum(baseline), sum(recent), len(baseline), len(recent)
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    p = float(2 * stats.norm.sf(abs(p2 - p1) / math.sqrt(variance))) if variance > 0 else 1.0
    direction = "worse" if p2 > p1 else "better" if p2 < p1 else "unchanged"
    return dict(baseline=n1, recent=n2, p1=p1, p2=p2, p=p, q=p, status=status_of(p), direction=direction)


def lcg_values(n, seed, base, scale, shift_at, shift, decimals):
    """The same sequence `DriftTests.lcgValues` makes: x <- (1103515245 x + 12345) mod 2^31."""
    x, out = seed, []
    for i in range(n):
        x = (1103515245 * x + 12345) % 2147483648
        v = base + (x / 2147483648) * scale + (shift if i >= shift_at else 0.0)
        # Quantized down to `decimals` places (ties); the same operations as the Swift side.
        out.append(math.floor(v * 10 ** decimals) / 10 ** decimals if decimals >= 0 else v)
    return out


# name, n, seed, base, scale, shift_at, shift, decimals, metric
CASES = [
    ("stationary", 400, 7, 0.5, 0.3, 400, 0.0, -1, "overall"),
    ("shifted up", 400, 11, 0.5, 0.3, 300, 0.08, -1, "overall"),
    ("shifted up, risk", 400, 11, 0.5, 0.3, 300, 0.08, -1, "hallucination_risk"),
    ("small shift", 240, 3, 0.4, 0.4, 180, 0.05, -1, "coherence"),
    ("heavy ties", 300, 5, 0.0, 1.0, 200, 0.1, 1, "overall"),
    ("39 values", 39, 9, 0.0, 1.0, 39, 0.0, -1, "overall"),
    ("40 values", 40, 9, 0.0, 1.0, 30, 0.5, -1, "overall"),
    ("2000 values", 2000, 13, 0.2, 0.6, 1800, -0.05, -1, "overall"),
]


def swift_double(v):
    return "nil" if v is None else repr(float(v))


def swift_string(v):
    return "nil" if v is None else json.dumps(v, ensure_ascii=False)


def row(label, metric, r):
    return (f"        ({swift_string(label)}, {swift_string(metric)}, {r['baseline']}, {r['recent']}, {swift_double(r['d'])}, "
            f"{swift_double(r['p'])}, {swift_double(r['q'])}, {swift_double(r['psi'])}, {swift_string(r['status'])}, {swift_string(r['direction'])}),")


def rate_row(domain, r):
    return (f"        ({swift_string(domain)}, {r['baseline']}, {r['recent']}, {swift_double(r['p1'])}, {swift_double(r['p2'])}, "
            f"{swift_double(r['p'])}, {swift_double(r['q'])}, {swift_string(r['status'])}, {swift_string(r['direction'])}),")


def main():
    with open(os.path.join(ROOT, "Fixtures", "demo", "quality_feedback.json")) as f:
        history = json.load(f)["rejection_history"]
    pairs, flags = {}, {}
    for entry in history:
        failed = is_validation_failure(entry)
        flags.setdefault(entry["domain"], []).append(failed)
        for metric, value in entry["scores"].items():
            values = pairs.setdefault((entry["domain"], metric), [])
            if not failed and isinstance(value, (int, float)) and math.isfinite(value):
                values.append(float(value))
    results = [(domain, metric, drift(values, metric == "hallucination_risk")) for (domain, metric), values in pairs.items() if values]
    adjust([r for _, _, r in results])
    demo_rows = [row(domain, metric, r) for domain, metric, r in results]
    rates = [(domain, failure_rate(f)) for domain, f in flags.items()]
    adjust([r for _, r in rates])
    rate_rows = [rate_row(domain, r) for domain, r in rates]
    case_rows, case_specs = [], []
    for name, n, seed, base, scale, shift_at, shift, decimals, metric in CASES:
        values = lcg_values(n, seed, base, scale, shift_at, shift, decimals)
        case_rows.append(row(name, metric, drift(values, metric == "hallucination_risk")))
        case_specs.append(f"        ({json.dumps(name)}, {n}, {seed}, {base!r}, {scale!r}, {shift_at}, {shift!r}, {decimals}),")
    text = f"""// Generated by Scripts/drift_reference.py with scipy {__import__('scipy').__version__} and numpy {np.__version__}:
// do not edit. Each row: label (domain or case), metric, baseline count, recent count, D, p, q,
// PSI, status, direction. Failure-rate rows: domain, baseline and recent counts, their shares, p,
// q, status, direction.

typealias DriftRow = (label: String, metric: String, baseline: Int, recent: Int, d: Double?, p: Double?, q: Double?, psi: Double?,
                      status: String, direction: String?)
typealias FailureRateRow = (domain: String, baseline: Int, recent: Int, baselineRate: Double?, recentRate: Double?, p: Double?,
                            q: Double?, status: String, direction: String?)

enum DriftReference {{
    /// Every (domain, metric) of Fixtures/demo/quality_feedback.json, in first-seen order,
    /// validation failures left out; q over these tests together.
    static let demo: [DriftRow] = [
{chr(10).join(demo_rows)}
    ]

    /// Each demo domain's share of validation failures; q over these tests together.
    static let demoFailureRates: [FailureRateRow] = [
{chr(10).join(rate_rows)}
    ]

    /// Synthetic sequences: name, n, seed, base, scale, shift_at, shift, decimals (−1: unrounded).
    static let caseSpecs: [(name: String, n: Int, seed: Int, base: Double, scale: Double, shiftAt: Int, shift: Double, decimals: Int)] = [
{chr(10).join(case_specs)}
    ]

    static let cases: [DriftRow] = [
{chr(10).join(case_rows)}
    ]
}}
"""
    path = os.path.join(ROOT, "Tests", "HafsVizCoreTests", "DriftReference.swift")
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {os.path.normpath(path)}: {len(demo_rows)} demo pairs, {len(case_rows)} cases")


main()
