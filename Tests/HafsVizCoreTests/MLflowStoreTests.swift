import Foundation
import Testing

@testable import HafsVizCore

/// An MLflow file store laid out as MLflow's FileStore writes it: a run with metrics and params,
/// a run with params and no metrics (git keeps no empty `metrics/`), and a deleted run.
@Suite("MLflow store")
struct MLflowStoreTests {
    static func meta(_ id: String, name: String, stage: String) -> String {
        """
        artifact_uri: file:///srv/mlruns/1/\(id)/artifacts
        end_time: 1733400100000
        entry_point_name: ''
        experiment_id: '1'
        lifecycle_stage: \(stage)
        run_id: \(id)
        run_name: \(name)
        run_uuid: \(id)
        source_name: ''
        source_type: 4
        source_version: ''
        start_time: 1733400000000
        status: 3
        tags: []
        user_id: me

        """
    }

    @Test("params are read (numbers as numbers); a params-only run is listed with 'no metrics'; a deleted run is marked")
    func store() throws {
        let folder = TemporaryDirectory()
        let store = folder.path + "/mlruns/1"
        let files: [String: String] = [
            "meta.yaml": "artifact_location: file:///srv/mlruns/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: sweep\n",
            "aaa/meta.yaml": MLflowStoreTests.meta("aaa", name: "bold-fox", stage: "active"),
            "aaa/metrics/loss": "1733400000000 0.9 0\n1733400001000 0.5 1\n",
            "aaa/params/lr": "0.001",
            "aaa/params/optimizer": "adamw",
            "aaa/params/model/layers": "12",
            "aaa/params/use_amp": "True",
            "bbb/meta.yaml": MLflowStoreTests.meta("bbb", name: "calm-owl", stage: "active"),
            "bbb/params/lr": "0.01",
            "ccc/meta.yaml": MLflowStoreTests.meta("ccc", name: "gone-cat", stage: "deleted"),
            "ccc/metrics/loss": "1733400000000 2.0 0\n",
        ]
        for (path, text) in files {
            let full = store + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let report = RunsReport.read([LogdirSource(local: folder.path)])
        let byName = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.name, $0) })
        #expect(
            Set(byName.keys) == ["mlruns/1/aaa", "mlruns/1/bbb", "mlruns/1/ccc"], "the experiment folder is no run: \(byName.keys.sorted())"
        )
        let full = try #require(byName["mlruns/1/aaa"])
        #expect(full.params.names == ["lr", "model/layers", "optimizer", "use_amp"])
        #expect(full.params["lr"] == .number(0.001) && full.params["model/layers"] == .number(12))
        #expect(full.params["optimizer"] == .text("adamw") && full.params["use_amp"] == .bool(true))
        #expect(full.tags["loss"]?.values == [0.9, 0.5] && !full.deleted)
        let paramsOnly = try #require(byName["mlruns/1/bbb"])
        #expect(paramsOnly.tags.isEmpty && paramsOnly.params["lr"] == .number(0.01) && !paramsOnly.isFailed)
        #expect(paramsOnly.displayName == "calm-owl")
        #expect(byName["mlruns/1/ccc"]?.deleted == true)
        #expect(report.table().contains("mlruns/1/bbb (calm-owl)  [mlflow]  ok  no metrics"), "\(report.table())")

        let json = try JSONSerialization.jsonObject(with: Data(report.json().serialized().utf8)) as? [String: Any]
        let runs = Dictionary(
            uniqueKeysWithValues: ((json?["runs"] as? [[String: Any]]) ?? []).map { (($0["name"] as? String) ?? "", $0) })
        let params = runs["mlruns/1/aaa"]?["params"] as? [String: Any]
        #expect(params?["lr"] as? Double == 0.001 && params?["optimizer"] as? String == "adamw" && params?["use_amp"] as? Bool == true)
        #expect(runs["mlruns/1/ccc"]?["deleted"] as? Bool == true && runs["mlruns/1/aaa"]?["deleted"] as? Bool == false)
        #expect((runs["mlruns/1/bbb"]?["tags"] as? [String: Any])?.isEmpty == true)
    }
}
