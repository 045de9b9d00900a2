// The words the Latent workspace says, for the window's side panel and status bar and the
// terminal's alike: a point's prediction, certainty, label and place; the dataset's shape; how
// much is labelled; the status line.

import Figures
import HafsVizCore

extension LabelSession {
    /// "prediction 3 · certainty 0.412", with what is missing said as such.
    public func predictionText(of index: Int) -> String? {
        guard let dataset = model?.dataset, index >= 0, index < dataset.points else { return nil }
        let prediction =
            dataset.predictions.map { $0[index].map { "prediction \($0)" } ?? "no prediction (not a number)" } ?? "no predictions.npy"
        let certainty =
            dataset.certainty.map { $0[index].isFinite ? "certainty " + Format.fixed($0[index], 3) : "certainty not a number" }
            ?? "no certainty.npy"
        return "\(prediction) · \(certainty)"
    }

    /// "label 3 · saved" (or "· saving…"), "unlabelled"; the label, for its colour.
    public func labelText(of index: Int) -> (text: String, label: Int?) {
        guard let label = book?.labels[index] else { return ("unlabelled", nil) }
        return ("label \(label)" + ((book?.isSaved ?? false) ? " · saved" : " · saving…"), label)
    }

    /// "at (0.1234, -2.5)": the point on the map.
    public func positionText(of index: Int) -> String? {
        guard let dataset = model?.dataset, index >= 0, index < dataset.points else { return nil }
        return "at (\(Format.value(dataset.xs[index], significant: 4)), \(Format.value(dataset.ys[index], significant: 4)))"
    }

    /// "12000 points, 64-D (map: PCA)".
    public var datasetText: String? {
        guard let dataset = model?.dataset else { return nil }
        return "\(Format.count(dataset.points)) points, \(dataset.dims)-D" + (dataset.projected ? " (map: PCA)" : "")
    }

    /// "labelled 120 (1.00%) · labels.csv saved".
    public var labelledText: String? {
        guard let dataset = model?.dataset else { return nil }
        let labelled = book?.labels.count ?? 0
        let share = dataset.points > 0 ? Double(labelled) / Double(dataset.points) * 100 : 0
        let saved =
            book.map { $0.readOnlyReason != nil ? "read-only" : !$0.isSaved ? "saving…" : $0.fileExists ? "saved" : "not made yet" } ?? ""
        return "labelled \(Format.count(labelled)) (\(Format.fixed(share, 2))%) · labels.csv \(saved)"
    }

    /// The status line: the map's size, the labels' state, a read under way.
    public func statusSegments(isLoading: Bool) -> [StatusSegment] {
        guard let model else {
            let failed = loadError != nil
            return [StatusSegment(isLoading ? "reading…" : (failed ? "latent.npy failed" : "no map"), tone: failed ? .error : .plain)]
        }
        var segments = [
            StatusSegment(
                "\(Format.count(model.dataset.points)) points" + (model.dataset.projected ? " (PCA of \(model.dataset.dims)-D)" : ""))
        ]
        if let labels = labelsStatus {
            segments.append(StatusSegment(labels.text, tone: labels.isError ? .error : labels.isSaved ? .accent : .plain))
        }
        if isLoading { segments.append(StatusSegment("reading…", tone: .plain)) }
        return segments
    }
}

extension LabelSession {
    /// What the settings keep for the Latent workspace, in any front end: the directory and a
    /// colour mode other than labels.
    public func savedState() -> [String: String] {
        var state = ["directory": directory]
        if colorMode != .labels { state["color"] = colorMode.settingText }
        return state
    }

    /// Takes back `savedState`'s colour mode (the directory is chosen before, `WorkspaceFolders`).
    public func restore(_ state: [String: String]) {
        if let text = state["color"], let mode = LatentColorMode(settingText: text) { setColorMode(mode) }
    }
}
