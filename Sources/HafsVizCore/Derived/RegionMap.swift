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

/// First two principal components of a set of rows, by subspace iteration with a Rayleigh–Ritz
/// step: k = 6 vectors are multiplied by the covariance (never formed: one pass over the flat,
/// centred matrix per step, 2·n·d·k work), re-orthonormalized, and the small k×k projected matrix
/// is diagonalized (Jacobi) to read off the top two eigenpairs. Plain power iteration converged at
/// the ratio λ₂/λ₁, which is close to 1 for clustered embeddings (the demo hit its 300-step cap);
/// here the ratio is λ₇/λ₂ (the demo: 7 steps instead of 371). It stops when the top two Ritz
/// values change by less than 1e-6 (relative), or after 60 steps: only structureless data (noise,
/// where the top eigenvalues differ by ~1%) gets there, and its map carries no meaning to refine.
/// Signs are fixed so the largest-magnitude coordinate of each axis is positive.
struct PrincipalComponents {
    var projected: [SIMD2<Double>]
    var explainedVariance = SIMD2<Double>(0, 0)
    var axes: [[Double]] = []
    /// Steps taken (for tests and profiling).
    var iterations = 0

    init(rows: [[Double]], dimension d: Int, maxIterations: Int = 60) {
        let n = rows.count
        projected = [SIMD2<Double>](repeating: .zero, count: n)
        guard n > 0, d > 0 else { return }
        var mean = [Double](repeating: 0, count: d)
        for row in rows { for j in 0..<d { mean[j] += row[j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        var centered = [Double](repeating: 0, count: n * d)
        for (i, row) in rows.enumerated() { for j in 0..<d { centered[i * d + j] = row[j] - mean[j] } }
        let totalVariance = centered.reduce(0.0) { $0 + $1 * $1 } / Double(n)
        guard totalVariance > 0 else { return }

        // Start from the k rows with the largest norms (then unit vectors), orthonormalized.
        let k = min(6, d, n)
        let byNorm = (0..<n).sorted { i, j in
            PrincipalComponents.squaredNorm(centered, i, d) > PrincipalComponents.squaredNorm(centered, j, d)
        }
        var basis: [[Double]] = byNorm.prefix(k).map { Array(centered[($0 * d)..<(($0 + 1) * d)]) }
        var unit = 0
        basis = PrincipalComponents.orthonormalized(basis, d: d)
        while basis.count < k, unit < d {
            var e = [Double](repeating: 0, count: d)
            e[unit] = 1
            unit += 1
            basis = PrincipalComponents.orthonormalized(basis + [e], d: d)
        }
        var ritzValues: [Double] = []
        var ritzVectors: [[Double]] = []
        var previous = [Double](repeating: -1, count: 2)
        for step in 1...maxIterations {
            iterations = step
            let images = PrincipalComponents.covarianceTimes(basis, centered, n: n, d: d)
            // H = Vᵀ C V (k×k), symmetric.
            var h = [[Double]](repeating: [Double](repeating: 0, count: basis.count), count: basis.count)
            for a in basis.indices { for b in basis.indices { h[a][b] = PrincipalComponents.dot(basis[a], images[b]) } }
            for a in basis.indices {
                for b in 0..<a {
                    let m = (h[a][b] + h[b][a]) / 2
                    h[a][b] = m
                    h[b][a] = m
                }
            }
            let (values, vectors) = PrincipalComponents.jacobiEigen(h)
            ritzValues = values
            ritzVectors = vectors
            let top = Array(values.prefix(2)) + [Double](repeating: 0, count: max(0, 2 - values.count))
            let settled = zip(top, previous).allSatisfy { abs($0 - $1) <= 1e-6 * max(abs($0), totalVariance * 1e-12) }
            previous = top
            if settled || step == maxIterations { break }
            basis = PrincipalComponents.orthonormalized(images, d: d)
            if basis.count < 2 { break }
        }
        // Rotate the basis by the Ritz vectors to get the axes.
        for index in 0..<min(2, ritzValues.count) where ritzValues[index] > totalVariance * 1e-12 {
            var axis = [Double](repeating: 0, count: d)
            for (b, vector) in basis.enumerated() where b < ritzVectors[index].count {
                let weight = ritzVectors[index][b]
                for j in 0..<d { axis[j] += weight * vector[j] }
            }
            guard PrincipalComponents.normalize(&axis) else { break }
            if let largest = axis.indices.max(by: { abs(axis[$0]) < abs(axis[$1]) }), axis[largest] < 0 {
                axis = axis.map { -$0 }
            }
            axes.append(axis)
        }
        centered.withUnsafeBufferPointer { data in
            for i in 0..<n {
                let row = UnsafeBufferPointer(rebasing: data[(i * d)..<((i + 1) * d)])
                let x = axes.count > 0 ? PrincipalComponents.dot(row, axes[0]) : 0
                let y = axes.count > 1 ? PrincipalComponents.dot(row, axes[1]) : 0
                projected[i] = SIMD2(x, y)
            }
        }
        explainedVariance = SIMD2(
            axes.count > 0 ? ritzValues[0] / totalVariance : 0,
            axes.count > 1 ? ritzValues[1] / totalVariance : 0)
    }

    private static func squaredNorm(_ data: [Double], _ row: Int, _ d: Int) -> Double {
        var sum = 0.0
        for j in (row * d)..<((row + 1) * d) { sum += data[j] * data[j] }
        return sum
    }

    /// (1/n) Xᵀ X v for each vector of `basis`, in one pass over the rows, four lanes at a time
    /// (the compiler will not reorder a floating-point sum by itself).
    static func covarianceTimes(_ basis: [[Double]], _ centered: [Double], n: Int, d: Int) -> [[Double]] {
        let k = basis.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        let lanes = d / 4 * 4
        let flatBasis = basis.flatMap { $0 }
        var flatOut = [Double](repeating: 0, count: k * d)
        centered.withUnsafeBufferPointer { data in
            flatBasis.withUnsafeBufferPointer { v in
                flatOut.withUnsafeMutableBufferPointer { w in
                    guard let base = data.baseAddress, let vBase = v.baseAddress, let wBase = w.baseAddress else { return }
                    var weights = [Double](repeating: 0, count: k)
                    for i in 0..<n {
                        let row = base + i * d
                        let row4 = UnsafeRawPointer(row)
                        for c in 0..<k {
                            let column = UnsafeRawPointer(vBase + c * d)
                            var accumulator = SIMD4<Double>.zero
                            var j = 0
                            while j < lanes {
                                accumulator +=
                                    row4.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
                                    * column.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
                                j += 4
                            }
                            var weight = accumulator.sum()
                            while j < d {
                                weight += row[j] * vBase[c * d + j]
                                j += 1
                            }
                            weights[c] = weight
                        }
                        for c in 0..<k {
                            let target = UnsafeMutableRawPointer(wBase + c * d)
                            let weight4 = SIMD4<Double>(repeating: weights[c])
                            var j = 0
                            while j < lanes {
                                let current = target.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
                                target.storeBytes(
                                    of: current + weight4 * row4.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self),
                                    toByteOffset: j * 8, as: SIMD4<Double>.self)
                                j += 4
                            }
                            while j < d {
                                wBase[c * d + j] += weights[c] * row[j]
                                j += 1
                            }
                        }
                    }
                }
            }
        }
        let scale = 1 / Double(n)
        for c in 0..<k { out[c] = (0..<d).map { flatOut[c * d + $0] * scale } }
        return out
    }

    /// Modified Gram–Schmidt; vectors that become (numerically) dependent are dropped.
    static func orthonormalized(_ vectors: [[Double]], d: Int) -> [[Double]] {
        var result: [[Double]] = []
        for vector in vectors {
            var v = vector
            let original = dot(v, v).squareRoot()
            for _ in 0..<2 {  // twice: one pass loses orthogonality in floating point
                for axis in result {
                    let projection = dot(v, axis)
                    for j in 0..<d { v[j] -= projection * axis[j] }
                }
            }
            // What is left of a dependent vector is rounding noise: drop it, relative to its size.
            guard dot(v, v).squareRoot() > original * 1e-9 else { continue }
            if normalize(&v) { result.append(v) }
        }
        return result
    }

    /// Eigenvalues (descending) and eigenvectors of a small symmetric matrix, by cyclic Jacobi.
    static func jacobiEigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        let m = matrix.count
        var a = matrix
        var v = (0..<m).map { i in (0..<m).map { j in i == j ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<m { for q in 0..<m where p != q { off += a[p][q] * a[p][q] } }
            let scale = (0..<m).reduce(0.0) { $0 + a[$1][$1] * a[$1][$1] }
            if off <= 1e-30 * max(scale, 1e-300) { break }
            for p in 0..<m {
                for q in (p + 1)..<m where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for r in 0..<m {
                        let arp = a[r][p]
                        let arq = a[r][q]
                        a[r][p] = c * arp - s * arq
                        a[r][q] = s * arp + c * arq
                    }
                    for r in 0..<m {
                        let apr = a[p][r]
                        let aqr = a[q][r]
                        a[p][r] = c * apr - s * aqr
                        a[q][r] = s * apr + c * aqr
                    }
                    for r in 0..<m {
                        let vrp = v[r][p]
                        let vrq = v[r][q]
                        v[r][p] = c * vrp - s * vrq
                        v[r][q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let order = (0..<m).sorted { a[$0][$0] > a[$1][$1] }
        return (order.map { a[$0][$0] }, order.map { column in (0..<m).map { v[$0][column] } })
    }

    private static func normalize(_ vector: inout [Double]) -> Bool {
        let norm = dot(vector, vector).squareRoot()
        guard norm > 1e-300, norm.isFinite else { return false }
        for j in 0..<vector.count { vector[j] /= norm }
        return true
    }

    static func dot<A: Collection<Double>, B: Collection<Double>>(_ a: A, _ b: B) -> Double {
        var sum = 0.0
        for (x, y) in zip(a, b) { sum += x * y }
        return sum
    }
}
