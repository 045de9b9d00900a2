/// Decodes `active_learning.json` (format: docs/data-format.md).
enum ActiveLearningDecoder {
    static func decode(_ scanner: inout JSONScanner, checkpoint: (Int) throws -> Void) throws -> ActiveLearningState {
        var result = ActiveLearningState()
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("regions") {
                try seen.mark(0, key, in: scanner)
                var regions: [EmbeddingRegion] = []
                try inPath("regions") {
                    try scanner.readArray { scanner, index in
                        if index & 63 == 0 { try checkpoint(scanner.position) }
                        regions.append(try inPath("[\(index)]") { try decodeRegion(&scanner) })
                    }
                }
                result.regions = regions
            } else if key.equals("embedding_dim") {
                try seen.mark(1, key, in: scanner)
                result.embeddingDim = try inPath("embedding_dim") { try scanner.consumeNull() ? nil : scanner.readInt() }
            } else if key.equals("num_regions") {
                try seen.mark(2, key, in: scanner)
                result.numRegions = try inPath("num_regions") { try scanner.consumeNull() ? nil : scanner.readInt() }
            } else if key.equals("last_updated") {
                try seen.mark(3, key, in: scanner)
                result.lastUpdated = try inPath("last_updated") { try scanner.readOptionalString() }
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        return result
    }

    static func decodeRegion(_ scanner: inout JSONScanner) throws -> EmbeddingRegion {
        var region = EmbeddingRegion()
        var seen = SeenFields()
        try scanner.readObject { scanner, key in
            if key.equals("centroid") {
                try seen.mark(0, key, in: scanner)
                var centroid: [Double] = []
                centroid.reserveCapacity(768)
                try inPath("centroid") {
                    try scanner.readArray { scanner, index in
                        centroid.append(try inPath("[\(index)]") { try scanner.readDouble() })
                    }
                }
                region.centroid = centroid
            } else if key.equals("sample_count") {
                try seen.mark(1, key, in: scanner)
                region.sampleCount = try inPath("sample_count") { try scanner.readInt() }
            } else if key.equals("sample_ids") {
                try seen.mark(2, key, in: scanner)
                var ids: [String] = []
                try inPath("sample_ids") {
                    try scanner.readArray { scanner, index in
                        ids.append(try inPath("[\(index)]") { try scanner.readString() })
                    }
                }
                region.sampleIDs = ids
            } else if key.equals("domain") {
                try seen.mark(3, key, in: scanner)
                region.domain = try inPath("domain") { try scanner.readString() }
            } else if key.equals("avg_quality") {
                try seen.mark(4, key, in: scanner)
                region.avgQuality = try inPath("avg_quality") { try scanner.readOptionalDouble() }
            } else {
                try scanner.skipValue()
            }
        }
        return region
    }
}
