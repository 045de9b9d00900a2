import Figures
import Foundation

public struct PlotTransform: Sendable, Equatable {
    public var area: Rect
    public var x: AxisRange
    /// The y range in axis units: data values, or their log10 when `logY`.
    public var y: AxisRange
    /// A logarithmic y axis (base 10): values ≤ 0 have no place on it and go below the bottom edge.
    public var logY: Bool

    public init(area: Rect, x: AxisRange, y: AxisRange, logY: Bool = false) {
        self.area = area
        self.x = x
        self.y = y
        self.logY = logY
    }

    /// Axis units of a data y (log10 on a log axis; −∞ for values ≤ 0 there).
    @inline(__always)
    public func axisY(_ value: Double) -> Double {
        logY ? (value > 0 ? log10(value) : -.infinity) : value
    }

    /// Data y of an axis-unit y.
    @inline(__always)
    public func valueY(_ axis: Double) -> Double {
        logY ? pow(10, axis) : axis
    }

    /// Pixel x of data x.
    @inline(__always)
    public func px(_ value: Double) -> Float {
        area.min.x + Float((value - x.min) / x.span * Double(area.width))
    }

    /// Pixel y of data y (y grows upwards in data, downwards on screen).
    @inline(__always)
    public func py(_ value: Double) -> Float {
        guard logY else { return area.max.y - Float((value - y.min) / y.span * Double(area.height)) }
        // Off-axis values (≤ 0, or far outside) are held a little beyond the area's edges, where
        // the clip hides them, instead of becoming infinite vertices.
        let pixel = area.max.y - Float((axisY(value) - y.min) / y.span * Double(area.height))
        return min(max(pixel, area.min.y - area.height), area.max.y + area.height)
    }

    public func pixel(_ point: SIMD2<Double>) -> Vec2 { Vec2(px(point.x), py(point.y)) }

    public func dataX(_ pixel: Float) -> Double { x.min + Double(pixel - area.min.x) / Double(area.width) * x.span }
    public func dataY(_ pixel: Float) -> Double { valueY(axisPixelY(pixel)) }
    /// Axis units (not data) at a pixel row: what zoom and pan work in.
    public func axisPixelY(_ pixel: Float) -> Double { y.min + Double(area.max.y - pixel) / Double(area.height) * y.span }
    public func data(_ pixel: Vec2) -> SIMD2<Double> { SIMD2(dataX(pixel.x), dataY(pixel.y)) }
}
