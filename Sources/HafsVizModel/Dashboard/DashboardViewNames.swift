/// The views of each Dashboard panel, in tab order, by the names people see in the window's tabs
/// (and, lowercased with dashes, in `--view` and `--list-views`). The terminal draws some of
/// them under the same names.
public enum DashboardViewNames {
    public static let quality = ["Trends", "Raw scores", "Reasons", "Distributions", "Domain table"]
    public static let generators = ["Acceptance rate", "Rejection reasons", "Reason share", "Generator × reason", "Table"]
    public static let coverage = ["Samples per region", "PCA map", "Domain coverage", "Coverage score", "Region density", "Region table"]
    public static let runs = ["Final loss", "Run comparison", "Domain mix", "Domain effectiveness", "Threshold effectiveness", "Run table"]
    /// Each panel's views, panels in order (Quality Trends, Generator Stats, Embedding
    /// Coverage, Training Runs); each panel's last view is its table.
    public static let all = [quality, generators, coverage, runs]

    /// What the views of generator_stats' counts say: they are totals with no time attached.
    public static let cumulativeNote = "cumulative counts, no time range"
}
