/// The region centroids projected onto their first two principal components, for the
/// embedding-coverage scatter.
public struct RegionMap: Sendable, Equatable {
    /// Per region (same order as the file): its 2-D position, or nil when the region was left out
    /// (its centroid has another length than the others, or holds a non-finite value).
    public var points: [SIMD2<Double>?]
    /// Share of the total variance along each of the two axes (0…1); 0 when undefined.
    public var explainedVariance: SIMD2<Double>
    /// Length of the centroids projected.
    public var dimension: Int
    /// Regions left out, with the reason, for the UI to say so.
    public var excludedCount: Int

    public init(regions: [EmbeddingRegion], embeddingDim: Int?) {
        // Use the declared dimension when some centroid has it; else the most common length.
        var lengths: [Int: Int] = [:]
        for region in regions where !region.centroid.isEmpty { lengths[region.centroid.count, default: 0] += 1 }
        let dimension: Int
        if let embeddingDim, lengths[embeddingDim] != nil {
            dimension = embeddingDim
        } else {
            dimension = lengths.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
        }
        let usable = regions.indices.filter {
            regions[$0].centroid.count == dimension && dimension > 0 && regions[$0].centroid.allSatisfy(\.isFinite)
        }
        self.dimension = dimension
        self.excludedCount = regions.count - usable.count
        var points = [SIMD2<Double>?](repeating: nil, count: regions.count)
        let projection = PrincipalComponents(rows: usable.map { regions[$0].centroid }, dimension: dimension)
        for (row, regionIndex) in usable.enumerated() {
            points[regionIndex] = projection.projected[row]
        }
        self.points = points
        self.explainedVariance = projection.explainedVariance
    }
}

/// First two principal components of a set of rows, by power iteration on the covariance without
/// forming it (cost 2·n·d per step, so 5k × 768 centroids stay cheap). Signs are fixed so the
/// largest-magnitude coordinate of each axis is positive: the same data always gives the same map.
struct PrincipalComponents {
    var projected: [SIMD2<Double>]
    var explainedVariance = SIMD2<Double>(0, 0)
    var axes: [[Double]] = []

    init(rows: [[Double]], dimension: Int, maxIterations: Int = 1000, tolerance: Double = 1e-12) {
        let n = rows.count
        projected = [SIMD2<Double>](repeating: .zero, count: n)
        guard n > 0, dimension > 0 else { return }
        var mean = [Double](repeating: 0, count: dimension)
        for row in rows { for j in 0..<dimension { mean[j] += row[j] } }
        for j in 0..<dimension { mean[j] /= Double(n) }
        let centered = rows.map { row in (0..<dimension).map { row[$0] - mean[$0] } }
        let totalVariance = centered.reduce(0.0) { $0 + $1.reduce(0) { $0 + $1 * $1 } } / Double(n)
        guard totalVariance > 0 else { return }

        var eigenvalues: [Double] = []
        for component in 0..<2 {
            // Start from the row with the largest residual norm: never orthogonal to the top axis.
            var vector = centered.max { residual($0, against: axes) < residual($1, against: axes) }.map { remove(axes, from: $0) } ?? []
            guard normalize(&vector) else { break }
            var eigenvalue = 0.0
            for _ in 0..<maxIterations {
                var next = covarianceTimes(vector, centered)
                next = remove(axes, from: next)
                eigenvalue = dot(next, vector)
                guard normalize(&next) else { eigenvalue = 0; break }
                let change = zip(next, vector).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                vector = next
                if change < tolerance { break }
            }
            guard eigenvalue > totalVariance * 1e-12 else { break }
            if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
                vector = vector.map { -$0 }
            }
            axes.append(vector)
            eigenvalues.append(eigenvalue)
            _ = component
        }
        for i in 0..<n {
            let x = axes.count > 0 ? dot(centered[i], axes[0]) : 0
            let y = axes.count > 1 ? dot(centered[i], axes[1]) : 0
            projected[i] = SIMD2(x, y)
        }
        explainedVariance = SIMD2(eigenvalues.count > 0 ? eigenvalues[0] / totalVariance : 0,
                                  eigenvalues.count > 1 ? eigenvalues[1] / totalVariance : 0)
    }

    private func covarianceTimes(_ vector: [Double], _ centered: [[Double]]) -> [Double] {
        var out = [Double](repeating: 0, count: vector.count)
        for row in centered {
            let weight = dot(row, vector)
            for j in 0..<row.count { out[j] += weight * row[j] }
        }
        let n = Double(centered.count)
        return out.map { $0 / n }
    }

    private func remove(_ axes: [[Double]], from vector: [Double]) -> [Double] {
        var out = vector
        for axis in axes {
            let projection = dot(out, axis)
            for j in 0..<out.count { out[j] -= projection * axis[j] }
        }
        return out
    }

    private func residual(_ vector: [Double], against axes: [[Double]]) -> Double {
        let rest = remove(axes, from: vector)
        return dot(rest, rest)
    }

    private func normalize(_ vector: inout [Double]) -> Bool {
        let norm = dot(vector, vector).squareRoot()
        guard norm > 1e-300, norm.isFinite else { return false }
        for j in 0..<vector.count { vector[j] /= norm }
        return true
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<min(a.count, b.count) { sum += a[j] * b[j] }
        return sum
    }
}
