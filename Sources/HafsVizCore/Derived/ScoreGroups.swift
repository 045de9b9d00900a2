import Dispatch

/// The history's finite scores grouped by (domain, metric) in first-seen order, in one flat
/// column: group `g`'s values are `values[offsets[g]..<offsets[g + 1]]`, in file order. The
/// snapshot's figures (counts, means, directions, drift) read them in place.
///
/// Flat and written through raw buffers because fresh pages are most of the cost: on the 103 MB
/// file a page fault costs ~2.5 µs, so every 10 MB not written saves ~6 ms.
struct ScoreGroups {
    /// Which groups there are and how big: the first of the two passes, shared with
    /// `QualityTrend.compute`.
    struct Layout {
        /// Each group's (domain, metric) ids.
        var pairs: [(domain: Int32, metric: Int32)] = []
        var finiteCounts: [Int] = []
        /// Per group, the scores that were NaN, ±Infinity or null.
        var nonFiniteCounts: [Int] = []
        /// The group of (domain, metric) at `domain * metricCount + metric`; -1 for none.
        var slotOfPair: [Int32]
        let metricCount: Int
        /// The entry that starts the second half (`ScoreGroups` fills the halves at once), and
        /// each group's finite scores before it: where the second half's values of it begin.
        let middleEntry: Int
        var finiteCountsBeforeMiddle: [Int] = []

        var count: Int { pairs.count }

        /// `counted`: one flag per entry (`HistorySelection.counted`); nil counts every entry.
        init(history: RejectionHistory, counted: [Bool]?) {
            let metricCount = history.metrics.count
            self.metricCount = metricCount
            let keyCount = history.domains.count * metricCount
            // Counted per (domain, metric) key in raw buffers (no uniqueness or bounds check per
            // score); the groups are then the keys in the order each was first seen.
            var finite = [Int](repeating: 0, count: keyCount)
            var nonFinite = [Int](repeating: 0, count: keyCount)
            var firstSeen: [Int] = []
            let middleEntry = history.entryDomain.count / 2
            self.middleEntry = middleEntry
            var finiteBeforeMiddle = finite
            history.entryDomain.withUnsafeIDs { domains in
                history.entryScoreEnd.withUnsafeBufferPointer { scoreEnds in
                    history.scoreMetric.withUnsafeIDs { metrics in
                        history.scoreValue.withUnsafeBufferPointer { scores in
                            finite.withUnsafeMutableBufferPointer { finite in
                                nonFinite.withUnsafeMutableBufferPointer { nonFinite in
                                    var start = 0
                                    for entryIndex in 0..<domains.count {
                                        if entryIndex == middleEntry { finiteBeforeMiddle = Array(finite) }
                                        let end = Int(scoreEnds[entryIndex])
                                        defer { start = end }
                                        guard counted?[entryIndex] ?? true else { continue }
                                        let row = Int(domains[entryIndex]) * metricCount
                                        for index in start..<end {
                                            let key = row + Int(metrics[index])
                                            if finite[key] == 0, nonFinite[key] == 0 { firstSeen.append(key) }
                                            if scores[index].isFinite {
                                                finite[key] += 1
                                            } else {
                                                nonFinite[key] += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var slotOfPair = [Int32](repeating: -1, count: keyCount)
            for (slot, key) in firstSeen.enumerated() {
                slotOfPair[key] = Int32(slot)
                pairs.append((Int32(key / metricCount), Int32(key % metricCount)))
                finiteCounts.append(finite[key])
                nonFiniteCounts.append(nonFinite[key])
                finiteCountsBeforeMiddle.append(finiteBeforeMiddle[key])
            }
            self.slotOfPair = slotOfPair
        }

        /// Calls `body(entry, score index, group)` for every finite score of a counted entry of
        /// `entries` (default: all), in file order.
        @inline(__always)
        func forEachFiniteScore(
            in history: RejectionHistory, counted: [Bool]?, entries: Range<Int>? = nil, _ body: (Int, Int, Int) -> Void
        ) {
            history.entryDomain.withUnsafeIDs { domains in
                history.entryScoreEnd.withUnsafeBufferPointer { scoreEnds in
                    history.scoreMetric.withUnsafeIDs { metrics in
                        history.scoreValue.withUnsafeBufferPointer { scores in
                            slotOfPair.withUnsafeBufferPointer { slotOfPair in
                                let entries = entries ?? 0..<domains.count
                                var start = entries.lowerBound == 0 ? 0 : Int(scoreEnds[entries.lowerBound - 1])
                                for entryIndex in entries {
                                    let end = Int(scoreEnds[entryIndex])
                                    defer { start = end }
                                    guard counted?[entryIndex] ?? true else { continue }
                                    let row = Int(domains[entryIndex]) * metricCount
                                    for index in start..<end where scores[index].isFinite {
                                        body(entryIndex, index, Int(slotOfPair[row + Int(metrics[index])]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Below this many scores one thread fills the column (a second costs more to start).
    static let parallelFillMinimum = 1 << 16

    let layout: Layout
    /// `layout.count + 1` bounds into `values`.
    let offsets: [Int]
    let values: [Double]

    var count: Int { layout.count }

    /// Group `g`'s finite values.
    func values(of group: Int) -> ArraySlice<Double> { values[offsets[group]..<offsets[group + 1]] }

    /// `counted`: one flag per entry (`HistorySelection.counted`); nil counts every entry.
    init(history: RejectionHistory, counted: [Bool]?) {
        let layout = Layout(history: history, counted: counted)
        var offsets = [Int](repeating: 0, count: layout.count + 1)
        for slot in 0..<layout.count { offsets[slot + 1] = offsets[slot] + layout.finiteCounts[slot] }
        let total = offsets[layout.count]
        // Second pass: each finite score to the next place of its group. Every place is written
        // once, so the column starts uninitialized (no zeroing pass over it). The two halves of
        // the entries fill at once where loads may use two threads: the second half's values of
        // a group start after the first half's.
        let halves = [
            (entries: 0..<layout.middleEntry, start: Array(offsets.dropLast())),
            (
                entries: layout.middleEntry..<history.entryDomain.count,
                start: (0..<layout.count).map { offsets[$0] + layout.finiteCountsBeforeMiddle[$0] }
            ),
        ]
        values = [Double](unsafeUninitializedCapacity: total) { flat, initialized in
            let column = FlatColumn(buffer: flat)
            @Sendable func fill(_ half: Int) {
                var cursor = halves[half].start
                history.scoreValue.withUnsafeBufferPointer { scores in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                        layout.forEachFiniteScore(in: history, counted: counted, entries: halves[half].entries) { _, index, slot in
                            column.buffer[cursor[slot]] = scores[index]
                            cursor[slot] += 1
                        }
                    }
                }
            }
            if LoadThreads.allowParallel, total >= ScoreGroups.parallelFillMinimum {
                DispatchQueue.concurrentPerform(iterations: 2, execute: fill)
            } else {
                fill(0)
                fill(1)
            }
            initialized = total
        }
        self.layout = layout
        self.offsets = offsets
    }
}

/// The column `ScoreGroups` fills, handed to its two filling threads.
private struct FlatColumn: @unchecked Sendable {
    // @unchecked: each thread writes only its own half's places, and the column is read after
    // both are done.
    let buffer: UnsafeMutableBufferPointer<Double>
}
