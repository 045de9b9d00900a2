import DurableIO
import Foundation

/// Ctrl+E on the Dashboard, for every front end: each panel's data as CSV files, written
/// atomically into one new export folder.
public enum DashboardExport {
    /// Quality Trends' files: each trend's points, the rolling means, the reasons in range.
    public static func quality(_ model: DashboardModel) -> [(name: String, text: String)] {
        [
            ("quality-trends", CSVExport.qualityTrends(model)), ("quality-rolling", CSVExport.qualityRolling(model)),
            ("quality-reasons", CSVExport.historyReasons(model)),
        ]
    }

    /// Generator Stats' files.
    public static func generators(_ model: DashboardModel) -> [(name: String, text: String)] {
        [("generator-stats", CSVExport.generatorStats(model)), ("rejection-reasons", CSVExport.rejectionTotals(model))]
    }

    /// Embedding Coverage's files.
    public static func coverage(_ model: DashboardModel) -> [(name: String, text: String)] {
        [
            ("embedding-regions", CSVExport.embeddingRegions(model)), ("domain-coverage", CSVExport.domainCoverage(model)),
            ("coverage-summary", CSVExport.coverageSummary(model)),
        ]
    }

    /// Training Runs' files.
    public static func runs(_ model: DashboardModel) -> [(name: String, text: String)] {
        [
            ("training-runs", CSVExport.trainingRuns(model)), ("domain-mix", CSVExport.domainMix(model)),
            (
                "domain-effectiveness",
                CSVExport.namedValues(model.snapshot.training.data?.domainEffectiveness ?? [], header: ["domain", "effectiveness"])
            ),
            (
                "threshold-effectiveness",
                CSVExport.namedValues(model.snapshot.training.data?.thresholdEffectiveness ?? [], header: ["threshold", "effectiveness"])
            ),
        ]
    }

    /// `files` written into `folder`, each atomically as `<name>.csv`; the paths written.
    public static func write(_ files: [(name: String, text: String)], to folder: String) throws -> [String] {
        try files.map { file in
            let path = (folder as NSString).appendingPathComponent(file.name + ".csv")
            try AtomicFile.write(Data(file.text.utf8), to: path)
            return path
        }
    }

    /// Every panel's files, in panel order.
    public static func all(_ model: DashboardModel) -> [(name: String, text: String)] {
        quality(model) + generators(model) + coverage(model) + runs(model)
    }
}
