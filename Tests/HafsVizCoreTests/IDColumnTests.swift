import Testing

@testable import HafsVizCore

@Suite("Id columns")
struct IDColumnTests {
    /// Ids under each width's limit, then past it: the column must give back exactly what went in.
    @Test("ids read back as appended while the column widens from one byte to two and four", arguments: [1, 7, 42])
    func widening(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var appended: [Int32] = []
        var column = IDColumn()
        func add(_ id: Int32) {
            appended.append(id)
            column.append(id)
        }
        for _ in 0..<500 { add(Int32(random.next() % 256)) }
        #expect(column.width == 1)
        add(256)
        #expect(column.width == 2)
        for _ in 0..<500 { add(Int32(random.next() % 65_536)) }
        #expect(column.width == 2)
        add(65_536)
        #expect(column.width == 4)
        for _ in 0..<500 { add(Int32(random.next() % 1_000_000)) }
        #expect(Array(column) == appended)
        let viewed = column.withUnsafeIDs { ids in (0..<ids.count).map { ids[$0] } }
        #expect(viewed == appended)
    }

    @Test("each width's raw view reads the ids; equality is by ids")
    func views() {
        for ids in [[Int32]([0, 255, 3]), [0, 256, 65_535], [0, 65_536, Int32.max]] {
            let column = IDColumn(ids)
            #expect(column.withUnsafeIDs { view in (0..<view.count).map { view[$0] } } == ids)
            #expect(column == IDColumn(ids))
            #expect(column != IDColumn(ids.dropLast()))
        }
        #expect(IDColumn().withUnsafeIDs { $0.count } == 0)
    }

    @Test("a history naming 300 reasons keeps every entry's reason, on one thread and on two")
    func manyNames() throws {
        let entries = (0..<1200).map { i in
            #"{"sample_id": "s\#(i)", "domain": "d\#(i % 3)", "generator": "g", "reason": "reason \#(i % 300)", "scores": {"m\#(i % 280)": 0.5}}"#
        }
        let text = #"{"generator_stats": {}, "rejection_history": [\#n"# + entries.joined(separator: ",\n") + "\n]}"
        for minimum in [Int.max, 0] {
            let quality = try HistorySplit.$minimumBytesOverride.withValue(minimum) { try decodeQuality(text) }
            let history = quality.history
            #expect(history.count == 1200)
            #expect(history.entryReason.width == 2, "300 names do not fit a byte")
            for i in 0..<history.count {
                #expect(history.reasons[Int(history.entryReason[i])] == "reason \(i % 300)")
                #expect(history.metrics[Int(history.scoreMetric[i])] == "m\(i % 280)")
                #expect(history.domains[Int(history.entryDomain[i])] == "d\(i % 3)")
            }
        }
    }

    @Test("appending through a map: the identity copies, others map each id, and widen as needed")
    func appendMapped() {
        let theirs = IDColumn([0, 1, 2, 1, 0])
        for (map, width) in [([Int32(0), 1, 2], 1), ([2, 0, 1], 1), ([0, 300, 1], 2), ([70_000, 1, 2], 4)] {
            var ours = IDColumn([1, 1])
            ours.append(theirs, mappedThrough: map)
            #expect(Array(ours) == [1, 1] + [0, 1, 2, 1, 0].map { map[Int($0)] }, "map \(map)")
            #expect(ours.width == width, "map \(map)")
        }
        var wide = IDColumn([300])
        wide.append(theirs, mappedThrough: [0, 1, 2])
        #expect(Array(wide) == [300, 0, 1, 2, 1, 0], "narrow ids into a wider column")
    }
}

/// A small deterministic generator (SplitMix64) for test data.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
