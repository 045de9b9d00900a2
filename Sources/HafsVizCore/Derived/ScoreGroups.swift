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

        var count: Int { pairs.count }

        /// `counted`: one flag per entry (`HistorySelection.counted`); nil counts every entry.
        init(history: RejectionHistory, counted: [Bool]?) {
            metricCount = history.metrics.count
            slotOfPair = [Int32](repeating: -1, count: history.domains.count * metricCount)
            history.entryDomain.withUnsafeIDs { domains in
                history.entryScoreEnd.withUnsafeBufferPointer { scoreEnds in
                    history.scoreMetric.withUnsafeIDs { metrics in
                        history.scoreValue.withUnsafeBufferPointer { scores in
                            var start = 0
                            for entryIndex in 0..<domains.count {
                                let end = Int(scoreEnds[entryIndex])
                                defer { start = end }
                                guard counted?[entryIndex] ?? true else { continue }
                                let domain = domains[entryIndex]
                                for index in start..<end {
                                    let key = Int(domain) * metricCount + Int(metrics[index])
                                    var slot = slotOfPair[key]
                                    if slot < 0 {
                                        slot = Int32(pairs.count)
                                        slotOfPair[key] = slot
                                        pairs.append((domain, metrics[index]))
                                        finiteCounts.append(0)
                                        nonFiniteCounts.append(0)
                                    }
                                    if scores[index].isFinite {
                                        finiteCounts[Int(slot)] += 1
                                    } else {
                                        nonFiniteCounts[Int(slot)] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// Calls `body(entry, score index, group)` for every finite score of a counted entry, in
        /// file order.
        @inline(__always)
        func forEachFiniteScore(in history: RejectionHistory, counted: [Bool]?, _ body: (Int, Int, Int) -> Void) {
            history.entryDomain.withUnsafeIDs { domains in
                history.entryScoreEnd.withUnsafeBufferPointer { scoreEnds in
                    history.scoreMetric.withUnsafeIDs { metrics in
                        history.scoreValue.withUnsafeBufferPointer { scores in
                            slotOfPair.withUnsafeBufferPointer { slotOfPair in
                                var start = 0
                                for entryIndex in 0..<domains.count {
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
        // once, so the column starts uninitialized (no zeroing pass over it).
        var cursor = Array(offsets.dropLast())
        values = [Double](unsafeUninitializedCapacity: total) { flat, initialized in
            history.scoreValue.withUnsafeBufferPointer { scores in
                cursor.withUnsafeMutableBufferPointer { cursor in
                    layout.forEachFiniteScore(in: history, counted: counted) { _, index, slot in
                        flat[cursor[slot]] = scores[index]
                        cursor[slot] += 1
                    }
                }
            }
            initialized = total
        }
        self.layout = layout
        self.offsets = offsets
    }
}
