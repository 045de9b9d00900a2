/// The history's finite scores grouped by (domain, metric) in first-seen order, in one flat
/// column: group `g`'s values are `values[offsets[g]..<offsets[g + 1]]`, in file order.
///
/// Both the snapshot's figures (counts, means, directions, drift: the values alone, read in
/// place) and the window's trends (`QualityTrend.compute`, with each value's timestamp and entry)
/// come from here. Flat and written through raw buffers because the fresh pages are most of the
/// cost: on the 103 MB file a page fault costs ~2.5 µs, so every 10 MB not written saves ~6 ms.
struct ScoreGroups {
    /// Each group's (domain, metric) ids.
    var pairs: [(domain: Int32, metric: Int32)] = []
    /// `pairs.count + 1` bounds into the columns below.
    var offsets: [Int] = [0]
    var values: [Double] = []
    /// Each value's entry time and entry index; empty unless asked for (`positions`).
    var timestamps: [Double] = []
    var entryIndices: [Int32] = []
    /// Per group, the scores that were NaN, ±Infinity or null.
    var nonFiniteCounts: [Int] = []

    var count: Int { pairs.count }

    /// Group `g`'s finite values.
    func values(of group: Int) -> ArraySlice<Double> { values[offsets[group]..<offsets[group + 1]] }

    /// `counted`: one flag per entry (`HistorySelection.counted`); nil counts every entry.
    /// `positions`: also fill `timestamps` and `entryIndices`.
    init(history: RejectionHistory, counted: [Bool]?, positions: Bool) {
        let metricCount = history.metrics.count
        var slotOfPair = [Int32](repeating: -1, count: history.domains.count * metricCount)
        var finiteCounts: [Int] = []
        // First pass: each pair's slot, in first-seen order, and its counts.
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
        offsets = [Int](repeating: 0, count: pairs.count + 1)
        for slot in pairs.indices { offsets[slot + 1] = offsets[slot] + finiteCounts[slot] }
        let total = offsets[pairs.count]
        // Second pass: each finite score to the next place of its group. Every place is written
        // once, so the columns start uninitialized (no zeroing pass over them).
        var cursor = Array(offsets.dropLast())
        let timed = positions ? total : 0
        var times = [Double]()
        var indices = [Int32]()
        values = [Double](unsafeUninitializedCapacity: total) { flatValues, valuesCount in
            times = [Double](unsafeUninitializedCapacity: timed) { flatTimes, timesCount in
                indices = [Int32](unsafeUninitializedCapacity: timed) { flatIndices, indicesCount in
                    history.entryDomain.withUnsafeIDs { domains in
                        history.entryScoreEnd.withUnsafeBufferPointer { scoreEnds in
                            history.entryTime.withUnsafeBufferPointer { entryTimes in
                                history.scoreMetric.withUnsafeIDs { metrics in
                                    history.scoreValue.withUnsafeBufferPointer { scores in
                                        cursor.withUnsafeMutableBufferPointer { cursor in
                                            var start = 0
                                            for entryIndex in 0..<domains.count {
                                                let end = Int(scoreEnds[entryIndex])
                                                defer { start = end }
                                                guard counted?[entryIndex] ?? true else { continue }
                                                let row = Int(domains[entryIndex]) * metricCount
                                                for index in start..<end where scores[index].isFinite {
                                                    let slot = Int(slotOfPair[row + Int(metrics[index])])
                                                    let at = cursor[slot]
                                                    flatValues[at] = scores[index]
                                                    if positions {
                                                        flatTimes[at] = entryTimes[entryIndex]
                                                        flatIndices[at] = Int32(entryIndex)
                                                    }
                                                    cursor[slot] = at + 1
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    indicesCount = timed
                }
                timesCount = timed
            }
            valuesCount = total
        }
        timestamps = times
        entryIndices = indices
    }
}
