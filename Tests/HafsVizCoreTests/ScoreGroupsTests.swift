import Foundation
import Testing

@testable import HafsVizCore

@Suite("Score groups")
struct ScoreGroupsTests {
    /// A history big enough for the two-thread fill, written here with its expected groups: each
    /// (domain, metric) in the order it first appears, its finite values in file order. One
    /// domain first appears in the second half; metrics come in varying order; some scores are
    /// null or NaN.
    static func history() -> (text: String, groups: [(name: String, values: [Double])], nonFinite: [String: Int]) {
        let metrics = ["overall", "coherence", "diversity", "hallucination_risk", "kg_consistency"]
        let entryCount = 14_000  // × 5 scores: above `ScoreGroups.parallelFillMinimum`
        var order: [String] = []
        var values: [String: [Double]] = [:]
        var nonFinite: [String: Int] = [:]
        var entries: [String] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for index in 0..<entryCount {
            let domain = index >= entryCount / 2 && index % 7 == 0 ? "late" : ["code", "math", "qa"][Int(next() % 3)]
            let rotation = Int(next() % 5)
            var scores: [String] = []
            for offset in 0..<metrics.count {
                let metric = metrics[(offset + rotation) % metrics.count]
                let key = "\(domain)/\(metric)"
                if values[key] == nil, nonFinite[key] == nil { order.append(key) }
                switch next() % 50 {
                case 0:
                    scores.append("\"\(metric)\": null")
                    nonFinite[key, default: 0] += 1
                case 1:
                    scores.append("\"\(metric)\": NaN")
                    nonFinite[key, default: 0] += 1
                default:
                    let value = Double(next() % 1_000_000) / 1_000_000
                    scores.append("\"\(metric)\": \(value)")
                    values[key, default: []].append(value)
                }
            }
            entries.append(
                "{\"sample_id\": \"s\(index)\", \"domain\": \"\(domain)\", \"reason\": \"r\", \"scores\": {\(scores.joined(separator: ", "))}}"
            )
        }
        let text = "{\"rejection_history\": [\(entries.joined(separator: ",\n"))]}"
        return (text, order.map { ($0, values[$0] ?? []) }, nonFinite)
    }

    @Test("groups in first-seen order, finite values in file order, with one thread and with two", arguments: [false, true])
    func grouped(parallel: Bool) throws {
        let (text, expected, nonFinite) = ScoreGroupsTests.history()
        let history = try decodeQuality(text).history
        let groups = LoadThreads.$allowParallel.withValue(parallel) { ScoreGroups(history: history, counted: nil) }
        #expect(expected.map(\.values).reduce(0) { $0 + $1.count } >= ScoreGroups.parallelFillMinimum)
        let names = groups.layout.pairs.map { "\(history.domains[Int($0.domain)])/\(history.metrics[Int($0.metric)])" }
        #expect(names == expected.map(\.name))
        for (group, want) in expected.enumerated() where group < groups.count {
            let got = Array(groups.values(of: group))
            // The first place that differs (a short message where a whole column would be long).
            let mismatch = zip(got, want.values).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(
                got.count == want.values.count && mismatch == nil,
                "\(want.name): \(got.count) values, first wrong at \(mismatch.map(String.init) ?? "none")")
            #expect(groups.layout.nonFiniteCounts[group] == nonFinite[want.name, default: 0], "\(want.name)")
        }
    }
}
