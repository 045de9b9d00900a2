import HafsVizCore

/// Texts of the Help menu's windows.
public enum HelpText {
    /// The mouse, for the F1 list (keys come from the action table).
    public static let mouse: [(String, String)] = [
        ("drag", "Pan a plot (over an axis: that axis only)"),
        ("wheel", "Zoom around the cursor (over an axis: that axis only)"),
        ("right-drag", "Zoom to a box"),
        ("double-click", "Fit the plot to its data"),
        ("legend click", "Hide or show a series"),
        ("click", "Pick a record: a table row, or a bar, row or point of a chart (the others highlight it)"),
        ("header click", "Sort a table: ascending, descending, file order"),
    ]

    public static let dataFormat = """
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

        rejection_history holds rejected samples only, and producers keep the last
        500. A validation failure is logged with dummy scores (0, 0, 1.0, 0,
        overall 0): hafs-viz recognises it by reason validation_failed or those
        exact scores, marks it along the x axis and leaves it out of the trend
        lines unless Data ▸ Count Validation Failures is ticked.

        A region's domain is the domain of the sample assigned to it last, not
        its majority: domain coverage counts each region under that one domain.

        Data ▸ Time Range counts back from the newest history timestamp (not the
        clock); it applies to every view of rejection_history. generator_stats
        counts are cumulative, with no time, so the range does not apply there.

        Python's NaN/Infinity, \\uXXXX escapes and zone-less timestamps are read
        as Python writes them. A half-written file keeps the last good data on
        screen, marked stale, with the error in the status bar.
        """

    /// The Runs workspace's help: every format of `LogFormats.all`, then how files are read.
    public static let logFormats: String =
        (["The Runs workspace reads every folder under the logdir that holds a log:", ""]
        + LogFormats.helpTable.map { "  " + $0 }
        + [
            "",
            "Files are tailed: only new bytes are read, a half-written last record waits",
            "for the rest, a rewritten or replaced file is read again. Every point is",
            "kept; NaN and inf are counted and not drawn. Smoothing is TensorBoard's",
            "debiased moving average; the raw line stays faintly behind it.",
        ]).joined(separator: "\n")

    public static let latent = """
        The Latent workspace reads one directory:

          latent.npy           N×2 float32/float64 (N×D with D > 2: the map is PCA)
          images.npy           N×H×W or N×H×W×3, uint8 or float (optional)
          reconstructions.npy  same shape as images.npy (optional)
          predictions.npy      N whole numbers (optional)
          certainty.npy        N numbers in [0, 1] (optional)
          metadata.csv         a header, then one row per point (optional)
          labels.csv           Serial,label — written by hafs-viz on every change
          latent.toml          the training command, its parameters, metrics, outputs

        Click a point to select it; 0–9 label it, Delete removes the label,
        Ctrl+Z undoes, N selects the least certain unlabelled point. Shift+drag
        draws a lasso; a digit then labels every point inside, after you confirm.
        labels.csv is replaced atomically (temporary file, fsync, rename) off the
        UI thread; the status bar says "saved" only once the rename is done.
        Start (Ctrl+T) saves the labels, runs the command in its own process
        group, draws its metrics live and reads the map again when it exits 0.
        """

    public static let about = """
        hafs-viz — see what your ML training-data pipeline is doing.

        Every number on screen comes from the files in the data directory;
        derived figures (acceptance rate, trend direction, coverage score,
        sparse regions, PCA map, rolling mean, drift) follow one documented
        definition.
        Rendering: OpenGL 3.3 through GLFW; text: FreeType.
        """
}
