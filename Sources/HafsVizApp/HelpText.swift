/// Texts of the Help menu's windows.
enum HelpText {
    static let shortcuts: [(String, String)] = [
        ("F5", "Reload the data directory"),
        ("Ctrl+S", "Export PNG of the window"),
        ("Ctrl+E", "Export CSV of every panel"),
        ("Ctrl+Q", "Quit"),
        ("1 – 4", "Maximize a panel"),
        ("Esc", "Back to all panels / close a window or menu"),
        ("Home", "Reset all zoom"),
        ("F1", "This list"),
        ("drag", "Pan a plot (over an axis: that axis only)"),
        ("wheel", "Zoom around the cursor (over an axis: that axis only)"),
        ("right-drag", "Zoom to a box"),
        ("double-click", "Fit the plot to its data"),
        ("legend click", "Hide or show a series"),
    ]

    static let dataFormat = """
        hafs-viz reads three files from the data directory, each optional:

        quality_feedback.json
          thresholds: {min_quality_score, min_diversity, …}
          generator_stats: {name: {samples_generated, samples_accepted,
            samples_rejected, rejection_reasons: {reason: n}, avg_quality_score}}
          rejection_history: [{sample_id, domain, generator, reason,
            scores: {diversity, kg_consistency, hallucination_risk,
            coherence, overall}, timestamp}]

        active_learning.json
          regions: [{centroid: [768 numbers], sample_count, sample_ids,
            domain, avg_quality}], embedding_dim, num_regions

        training_feedback.json
          training_runs: {id: {model_name, base_model, samples_count,
            start_time, end_time (null while running), final_loss,
            eval_metrics: {name: value}}}

        Python's NaN/Infinity, \\uXXXX escapes and zone-less timestamps are read
        as Python writes them. A half-written file keeps the last good data on
        screen, marked stale, with the error in the status bar.
        """

    static let about = """
        hafs-viz — see what your ML training-data pipeline is doing.

        Every number on screen comes from the files in the data directory;
        derived figures (acceptance rate, trend direction, coverage score,
        sparse regions, PCA map, moving mean) follow one documented definition.
        Rendering: OpenGL 3.3 through GLFW; text: FreeType.
        """
}
