import Figures
import Foundation

/// How an image array's values become grey levels (or colour channels), chosen once per array
/// from its type and range, never per image: a reconstruction that overshoots 1.0 by a little
/// must be drawn on the same scale as its neighbours, not as 0…255.
///
/// - uint8: 0…255 as it is.
/// - values within [−0.1, 1.5]: 0…1 (what a sigmoid or a normalised image holds; a decoder's
///   overshoot past 1 is clamped to white, below 0 to black).
/// - within [−1.5, 1.5] with values below −0.1: −1…1 (a tanh decoder).
/// - within [−0.1, 255 × 1.1]: 0…255 as numbers.
/// - anything else: the array's own minimum…maximum.
public struct ImageScale: Sendable, Equatable {
    /// The value drawn black and the value drawn white; values beyond them are clamped.
    public var black: Double
    public var white: Double
    /// Finite values below `black` or above `white` in the part of the array looked at.
    public var clamped: Int
    /// Values looked at (the whole array up to `sampleLimit`, else rows spread evenly over it).
    public var sampled: Int
    public var total: Int

    /// At most this many values are read to choose the scale (evenly spread whole rows).
    public static let sampleLimit = 8_000_000

    public init(black: Double, white: Double, clamped: Int = 0, sampled: Int = 0, total: Int = 0) {
        self.black = black
        self.white = white
        self.clamped = clamped
        self.sampled = sampled
        self.total = total
    }

    /// The scale for `array` (N×H×W or N×H×W×C).
    public init(of array: NPYArray) {
        let total = array.count
        let rowSize = max(1, total / max(array.rows, 1))
        if array.type == .uint8 {
            self.init(black: 0, white: 255, sampled: 0, total: total)
            return
        }
        let rowsRead = min(array.rows, max(1, ImageScale.sampleLimit / rowSize))
        var low = Double.infinity
        var high = -Double.infinity
        var values = 0
        for step in 0..<rowsRead {
            let row = array.rows <= rowsRead ? step : step * array.rows / rowsRead
            let base = row * rowSize
            for index in base..<min(base + rowSize, total) {
                let value = array.double(index)
                guard value.isFinite else { continue }
                low = min(low, value)
                high = max(high, value)
            }
            values += min(rowSize, total - base)
        }
        var scale: (Double, Double)
        if !low.isFinite {
            scale = (0, 1)
        } else if low >= -0.1, high <= 1.5 {
            scale = (0, 1)
        } else if low >= -1.5, high <= 1.5 {
            scale = (-1, 1)
        } else if low >= -0.1, high <= 255 * 1.1 {
            scale = (0, 255)
        } else {
            scale = (low, high > low ? high : low + 1)
        }
        // Count what the chosen scale clamps (a second pass over the same rows).
        var clamped = 0
        if low.isFinite, low < scale.0 || high > scale.1 {
            for step in 0..<rowsRead {
                let row = array.rows <= rowsRead ? step : step * array.rows / rowsRead
                let base = row * rowSize
                for index in base..<min(base + rowSize, total) {
                    let value = array.double(index)
                    if value.isFinite, value < scale.0 || value > scale.1 { clamped += 1 }
                }
            }
        }
        self.init(black: scale.0, white: scale.1, clamped: clamped, sampled: values, total: total)
    }

    /// A value as a byte: 0 at `black`, 255 at `white`, clamped; non-finite values are 0.
    @inline(__always)
    public func byte(_ value: Double) -> UInt32 {
        guard value.isFinite else { return 0 }
        let t = (value - black) / (white - black)
        return UInt32((min(max(t, 0), 1) * 255).rounded())
    }

    /// How the panel says it: "0–1 → black–white · 1362 values clamped".
    public var summary: String {
        var text = "\(ImageScale.number(black))–\(ImageScale.number(white)) → black–white"
        if clamped > 0 { text += " · \(clamped) values clamped" }
        if sampled > 0, sampled < total { text += " (scale from \(sampled) of \(total) values)" }
        return text
    }

    private static func number(_ value: Double) -> String {
        Format.value(value, significant: 3)
    }
}
