import Dispatch

/// Frees what a frame replaced on a utility thread instead of the UI thread.
///
/// A plot's line image cache holds the series it was drawn from; when a live chart redraws, the
/// old cache is often the last holder of the series' previous versions, and freeing their
/// columns took ~15% of the Runs grid's frame. The utility thread lets go of its reference a
/// moment later; whoever holds the last reference frees the value, so this moves the work and
/// never changes what is freed or when it stops being visible.
enum ReleaseLater {
    private static let queue = DispatchQueue(label: "hafs-viz.release-later", qos: .utility)

    /// Keeps `value` alive until shortly after the caller's frame, then drops it off the UI thread.
    static func release(_ value: some Sendable) {
        queue.asyncAfter(deadline: .now() + .milliseconds(50)) { withExtendedLifetime(value) {} }
    }
}
