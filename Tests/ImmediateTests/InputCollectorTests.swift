import Testing

@testable import Immediate

@Suite("Input collector")
struct InputCollectorTests {
    /// After an idle spell the frame clock is stale; two presses 0.2 s apart must still be a
    /// double click when each carries its own time.
    @Test("presses stamped with their own time make a double click after an idle spell; the frame's stale time would not")
    func doubleClickAfterIdle() {
        var collector = InputCollector()
        collector.setTime(10)  // the last frame, before the user sat idle
        collector.mouseMoved(to: Vec2(100, 100))
        collector.mouseButton(.left, down: true, time: 30.0)
        collector.mouseButton(.left, down: false, time: 30.08)
        let first = collector.nextFrame()
        #expect(first.wasPressed(.left) && !first.wasDoubleClicked(.left))
        collector.setTime(30.1)  // the frame drawn for the first click
        collector.mouseButton(.left, down: true, time: 30.2)
        #expect(collector.nextFrame().wasDoubleClicked(.left))

        // The old behaviour for contrast: stamped with frame times 10 and 30.1, 20 s apart.
        var stale = InputCollector()
        stale.setTime(10)
        stale.mouseMoved(to: Vec2(100, 100))
        stale.mouseButton(.left, down: true)
        _ = stale.nextFrame()
        stale.setTime(30.1)
        stale.mouseButton(.left, down: true)
        #expect(!stale.nextFrame().wasDoubleClicked(.left))
    }

    @Test("two presses further apart than the double-click time are two clicks")
    func slowClicks() {
        var collector = InputCollector()
        collector.mouseMoved(to: Vec2(5, 5))
        collector.mouseButton(.left, down: true, time: 1.0)
        _ = collector.nextFrame()
        collector.mouseButton(.left, down: true, time: 1.0 + collector.doubleClickTime + 0.01)
        #expect(!collector.nextFrame().wasDoubleClicked(.left))
    }
}
