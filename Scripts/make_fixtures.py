#!/usr/bin/env python3
"""Writes Fixtures/empty/ and Fixtures/malformed/ (small, committed). Bad inputs that are big or
need a filesystem trick (100k-deep nesting, a huge string, a directory named like a file) are made
by the tests themselves, and by `Scripts/make_fixtures.py --generated` under Fixtures/generated/.

Fixtures/malformed/EXPECTED.tsv lists, per case: directory, file, and a fragment the error message
must contain. Every case there must come out `failed`."""
import json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


# --- empty: what pipelines usually leave behind -------------------------------------------------
empty = os.path.join(root, "empty")
write(os.path.join(empty, "quality_feedback.json"), json.dumps({
    "thresholds": {"min_quality_score": 0.7, "min_diversity": 0.3, "max_hallucination_risk": 0.5,
                   "min_kg_consistency": 0.6, "min_coherence": 0.5, "similarity_threshold": 0.92},
    "generator_stats": {"unknown": {"samples_generated": 0, "samples_accepted": 0, "samples_rejected": 0,
                                    "rejection_reasons": {}, "avg_quality_score": 0.0, "total_quality_sum": 0.0}},
    "rejection_history": [],
    "last_updated": "2025-12-21T22:55:31.123456"}, indent=2))
write(os.path.join(empty, "active_learning.json"), json.dumps({
    "regions": [], "embedding_dim": 768, "num_regions": 0, "last_updated": "2025-12-21T22:55:31.123456"}, indent=2))

# --- malformed ----------------------------------------------------------------------------------
good_quality = json.dumps({
    "thresholds": {"min_quality_score": 0.7},
    "generator_stats": {"code_generator": {"samples_generated": 10, "samples_accepted": 7, "samples_rejected": 3,
                                           "rejection_reasons": {"low_diversity": 3}, "avg_quality_score": 0.8,
                                           "total_quality_sum": 8.0}},
    "rejection_history": [{"sample_id": "s1", "domain": "code", "generator": "code_generator", "reason": "low_diversity",
                           "scores": {"diversity": 0.2, "overall": 0.61}, "timestamp": "2025-12-21T10:00:00"}],
    "last_updated": "2025-12-21T10:00:00"}, indent=2)
mal = os.path.join(root, "malformed")
cases = []  # (dir, file, fragment)


def case(name, file, content, fragment, mode="w"):
    write(os.path.join(mal, name, file), content, mode)
    cases.append((name, file, fragment))


cut = good_quality.index('"low_diversity"', good_quality.index("rejection_history")) + 5
case("truncated-mid-string", "quality_feedback.json", good_quality[:cut], "unterminated string")
cut = good_quality.index("0.61") + 3
case("truncated-after-number", "quality_feedback.json", good_quality[:cut], "unexpected end of file")
case("empty-file", "quality_feedback.json", "", "file is empty")
case("whitespace-only", "quality_feedback.json", "  \n\n\t  \n", "only whitespace")
case("wrong-top-level", "quality_feedback.json", json.dumps([1, 2, 3]), "top-level value: expected object, got array")
case("wrong-field-types", "quality_feedback.json",
     good_quality.replace('"samples_accepted": 7', '"samples_accepted": "7"'),
     "generator_stats.code_generator.samples_accepted: expected integer, got string")
case("wrong-field-types-training", "training_feedback.json", json.dumps({
    "training_runs": {"run_1": {"model_name": "m", "final_loss": "low", "end_time": None}}}, indent=2),
     "training_runs.run_1.final_loss: expected number, got string")
case("invalid-utf8", "quality_feedback.json",
     good_quality.replace('"code_generator": {', '"code_\xff\xfegenerator": {').encode("latin-1"), "invalid UTF-8", mode="wb")
case("utf16-bom", "quality_feedback.json", "\ufeff".encode("utf-16-le") + good_quality.encode("utf-16-le"), "UTF-16", mode="wb")
case("nan-everywhere", "quality_feedback.json", json.dumps({
    "thresholds": {"min_quality_score": float("nan")},
    "generator_stats": {"g": {"samples_generated": float("nan"), "samples_accepted": float("nan"),
                              "samples_rejected": float("nan"), "rejection_reasons": {"other": float("nan")},
                              "avg_quality_score": float("nan"), "total_quality_sum": float("nan")}},
    "rejection_history": [{"sample_id": "s", "domain": "d", "generator": "g", "reason": "other",
                           "scores": {"overall": float("nan")}, "timestamp": "2025-12-21T10:00:00"}]}, indent=2),
     "samples_generated: expected integer, got NaN")
case("huge-exponent", "training_feedback.json", json.dumps({
    "training_runs": {"run_1": {"model_name": "m", "samples_count": 1, "end_time": None}}}, indent=2).replace('"samples_count": 1', '"samples_count": 1e400'),
     "training_runs.run_1.samples_count: expected integer, got 1e400")
case("duplicate-keys", "quality_feedback.json",
     good_quality.replace('"samples_rejected": 3,', '"samples_rejected": 3,\n      "samples_rejected": 4,'),
     'duplicate key "samples_rejected"')
case("duplicate-generator", "quality_feedback.json",
     good_quality.replace('"generator_stats": {', '"generator_stats": {\n    "code_generator": {},'),
     'duplicate key "code_generator"')
case("trailing-garbage", "active_learning.json", json.dumps({"regions": []}) + "\n}\n", "extra data after the top-level value")
case("truncated-centroid", "active_learning.json",
     json.dumps({"regions": [{"centroid": [0.125, -0.5, 0.25, 0.75], "sample_count": 3, "domain": "code"}]}, indent=2)[:60],
     "unexpected end of file")
case("python-repr", "quality_feedback.json", repr({"thresholds": {"min_quality_score": 0.7}}), "expected a quoted key")
case("raw-newline-in-string", "quality_feedback.json", good_quality.replace('"sample_id": "s1"', '"sample_id": "s\n1"'),
     "control character")
case("invalid-escape", "quality_feedback.json", good_quality.replace('"sample_id": "s1"', '"sample_id": "s\\x41"'),
     "invalid escape")
case("lowercase-nan", "quality_feedback.json", good_quality.replace("0.61", "nan"), "invalid literal nan")
case("region-wrong-type", "active_learning.json", json.dumps({"regions": [{"centroid": "0.1,0.2", "sample_count": 3}]}, indent=2),
     "regions[0].centroid: expected array, got string")



# --- number syntax: each of the scanner's number errors, with its exact position ----------------
def located(text, offset, path, message):
    """`quality_feedback.json:LINE:COLUMN: path: message`, LINE and COLUMN (bytes, 1-based) of `offset`."""
    before = text[:offset]
    line = before.count("\n") + 1
    column = offset - (before.rfind("\n") + 1) + 1
    return f"quality_feedback.json:{line}:{column}: {path}: {message}"


def truncated(name, text, end, path, message):
    case(name, "quality_feedback.json", text[:end], located(text, end, path, "unexpected end of file: " + message))


negative = good_quality.replace('"diversity": 0.2', '"diversity": -0.2')
exponent = good_quality.replace('"overall": 0.61', '"overall": 6.1e+1')
overall = "rejection_history[0].scores.overall"
diversity = "rejection_history[0].scores.diversity"
truncated("truncated-at-decimal-point", good_quality, good_quality.index("0.61") + 2, overall, "invalid number: expected a digit after '.'")
truncated("truncated-at-minus", negative, negative.index("-0.2") + 1, diversity, "incomplete number")
truncated("truncated-at-exponent", exponent, exponent.index("6.1e+1") + 4, overall, "invalid number: expected a digit in the exponent")
truncated("truncated-at-exponent-sign", exponent, exponent.index("6.1e+1") + 5, overall, "invalid number: expected a digit in the exponent")
lone = good_quality.replace('"diversity": 0.2,', '"diversity": -,')
case("lone-minus", "quality_feedback.json", lone, located(lone, lone.index("-,") + 1, diversity, "invalid number: expected a digit, found ','"))
zeros = good_quality.replace('"samples_generated": 10', '"samples_generated": 010')
case("leading-zero", "quality_feedback.json", zeros, located(zeros, zeros.index("010") + 1, "generator_stats.code_generator.samples_generated", "invalid number: unexpected '1' after 0"))

with open(os.path.join(mal, "EXPECTED.tsv"), "w") as f:
    f.write("# directory\tfile\tthe error message contains\n")
    for name, file, fragment in cases:
        f.write(f"{name}\t{file}\t{fragment}\n")

if "--generated" in sys.argv:
    gen = os.path.join(root, "generated", "malformed")
    write(os.path.join(gen, "deep-nesting", "quality_feedback.json"), '{"extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    write(os.path.join(gen, "huge-string", "quality_feedback.json"), '{"last_updated": "' + "x" * (8 << 20) + '"}')
    os.makedirs(os.path.join(gen, "directory-named-like-file", "quality_feedback.json"), exist_ok=True)
print(f"wrote {len(cases)} malformed cases under {os.path.relpath(mal)}")
