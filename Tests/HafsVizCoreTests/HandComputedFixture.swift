/// A small data directory whose every derived figure was worked out by hand (see the comments in
/// `DerivedFiguresTests`). Written the way Python writes it: bare NaN/Infinity, \u escapes.
enum HandComputed {
    static let quality = #"""
        {
          "thresholds": {"min_quality_score": 0.7, "max_hallucination_risk": 0.5},
          "generator_stats": {
            "alpha": {"samples_generated": 10, "samples_accepted": 6, "samples_rejected": 4,
                      "rejection_reasons": {"low_diversity": 3, "duplicate": 1}, "avg_quality_score": 0.7,
                      "total_quality_sum": 7.0, "future_field": [1, {"x": null}]},
            "beta": {"samples_generated": 5, "samples_accepted": 0, "samples_rejected": 0, "rejection_reasons": {}},
            "g\u00e4mma": {"samples_generated": 4, "samples_accepted": 1, "samples_rejected": 3,
                      "rejection_reasons": {"duplicate": 2, "too_short": 1}, "avg_quality_score": NaN}
          },
          "rejection_history": [
            {"sample_id": "c1", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.1, "hallucination_risk": 0.1}, "timestamp": "2025-12-20T10:00:00"},
            {"sample_id": "c2", "domain": "code", "generator": "alpha", "reason": "duplicate", "scores": {"overall": 0.2, "hallucination_risk": 0.2}, "timestamp": "2025-12-20T11:00:00"},
            {"sample_id": "m1", "domain": "math", "generator": "g\u00e4mma", "reason": "duplicate", "scores": {"overall": 0.5}, "timestamp": "2025-12-20T12:00:00"},
            {"sample_id": "c3", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.3, "hallucination_risk": 0.3}, "timestamp": "2025-12-20T13:00:00"},
            {"sample_id": "c4", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.4, "hallucination_risk": 0.4}, "timestamp": "not a time"},
            {"sample_id": "m2", "domain": "math", "generator": "g\u00e4mma", "reason": "too_short", "scores": {"overall": NaN}, "timestamp": "2025-12-20T15:00:00"},
            {"sample_id": "c5", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.5, "hallucination_risk": 0.5}, "timestamp": "2025-12-20T16:00:00"},
            {"sample_id": "c6", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.6, "hallucination_risk": 0.6}, "timestamp": "2025-12-20T17:00:00"},
            {"sample_id": "m3", "domain": "math", "generator": "g\u00e4mma", "reason": "duplicate", "scores": {"overall": 0.5}, "timestamp": "2025-12-20T18:00:00"},
            {"sample_id": "c7", "domain": "code", "generator": "alpha", "reason": "low_diversity", "scores": {"overall": 0.7, "hallucination_risk": Infinity}, "timestamp": "2025-12-20T19:00:00"},
            {"sample_id": "q1", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.5}, "timestamp": "2025-12-20T20:00:00"},
            {"sample_id": "q2", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.52}, "timestamp": "2025-12-20T20:01:00"},
            {"sample_id": "q3", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.48}, "timestamp": "2025-12-20T20:02:00"},
            {"sample_id": "q4", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.5}, "timestamp": "2025-12-20T20:03:00"},
            {"sample_id": "q5", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.5}, "timestamp": "2025-12-20T20:04:00"},
            {"sample_id": "q6", "domain": "qa", "generator": "unknown", "reason": "other", "scores": {"overall": 0.51}, "timestamp": "2025-12-20T20:05:00"}
          ],
          "last_updated": "2025-12-20T20:05:00"
        }
        """#

    static let activeLearning = #"""
        {
          "regions": [
            {"centroid": [3, 0, 0], "sample_count": 10, "sample_ids": ["a", "b"], "domain": "code", "avg_quality": 0.0},
            {"centroid": [-3, 0, 0], "sample_count": 20, "sample_ids": [], "domain": "math", "avg_quality": 0.8},
            {"centroid": [0, 1, 0], "sample_count": 30, "sample_ids": [], "domain": "code", "avg_quality": 0.7},
            {"centroid": [0, -1, 0], "sample_count": 40, "sample_ids": [], "domain": "qa"}
          ],
          "embedding_dim": 3,
          "num_regions": 4,
          "last_updated": "2025-12-20T20:05:00"
        }
        """#

    static let training = #"""
        {
          "training_runs": {
            "run_a": {"model_name": "m-a", "base_model": "base", "dataset_path": "/d/a", "samples_count": 100,
                      "domain_distribution": {"code": 60, "math": 40}, "start_time": "2025-12-20T10:00:00",
                      "end_time": "2025-12-20T12:30:00", "final_loss": 1.5, "eval_metrics": {"accuracy": 0.71}, "notes": ""},
            "run_b": {"model_name": "m-b", "samples_count": 50, "start_time": "2025-12-21T10:00:00",
                      "end_time": null, "final_loss": null, "eval_metrics": {}},
            "run_c": {"model_name": "m-c", "samples_count": 20, "end_time": "2025-12-21T11:00:00", "final_loss": null}
          },
          "domain_effectiveness": {"code": 0.12, "math": -0.05},
          "quality_threshold_effectiveness": {"0.7": 0.031},
          "last_updated": "2025-12-21T11:00:00"
        }
        """#
}
