import Figures
import Testing

@testable import Immediate

@Suite("Table and inspector")
struct TableTests {
    let columns = [TableColumn("name", shrinks: false), TableColumn("loss", numeric: true)]
    /// Five rows: a, b10, b9, c (no loss), d (NaN loss).
    let rows = [
        TableRow(id: "a", cells: [TableCell("alpha"), TableCell(2.0, "2.0")]),
        TableRow(id: "b10", cells: [TableCell("run 10"), TableCell(1.0, "1.0")]),
        TableRow(id: "b9", cells: [TableCell("run 9"), TableCell(3.0, "3.0")]),
        TableRow(id: "c", cells: [TableCell("Charlie"), TableCell(nil, "—")]),
        TableRow(id: "d", cells: [TableCell("delta"), TableCell(.nan, "NaN")]),
    ]
    let rect = Rect(x: 0, y: 0, width: 600, height: 400)

    @Test("numbers sort by value either way with missing and NaN last; text sorts naturally; ties keep file order")
    func sorting() {
        let ascending = TableSort(column: 1, ascending: true).order(rows, columns: columns, filter: "")
        #expect(ascending.map { rows[$0].id } == ["b10", "a", "b9", "c", "d"])
        let descending = TableSort(column: 1, ascending: false).order(rows, columns: columns, filter: "")
        #expect(descending.map { rows[$0].id } == ["b9", "a", "b10", "c", "d"], "missing values stay last when descending")
        let byName = TableSort(column: 0, ascending: true).order(rows, columns: columns, filter: "")
        #expect(byName.map { rows[$0].id } == ["a", "c", "d", "b9", "b10"], "case-insensitive, run 9 before run 10")
        #expect(TableSort().order(rows, columns: columns, filter: "") == [0, 1, 2, 3, 4])
        let ties = [
            TableRow(id: "x", cells: [TableCell("same"), TableCell(1)]), TableRow(id: "y", cells: [TableCell("same"), TableCell(1)]),
        ]
        #expect(TableSort(column: 1, ascending: false).order(ties, columns: columns, filter: "") == [0, 1])
    }

    @Test("a header click cycles ascending, descending, file order; the filter matches any cell, ignoring case")
    func headerCycleAndFilter() {
        #expect(TableSort().clicked(1) == TableSort(column: 1, ascending: true))
        #expect(TableSort(column: 1, ascending: true).clicked(1) == TableSort(column: 1, ascending: false))
        #expect(TableSort(column: 1, ascending: false).clicked(1) == TableSort())
        #expect(TableSort(column: 1, ascending: false).clicked(0) == TableSort(column: 0, ascending: true))
        #expect(TableSort().order(rows, columns: columns, filter: "RUN").map { rows[$0].id } == ["b10", "b9"])
        #expect(TableSort().order(rows, columns: columns, filter: "nan").map { rows[$0].id } == ["d"])
        #expect(TableSort().order(rows, columns: columns, filter: "zzz").isEmpty)
    }

    /// The centre of the row shown at `position` (filter row, header, then rows).
    func rowCenter(_ ui: UIContext, _ position: Int) -> Vec2 {
        let top = ui.style.rowHeight + ui.style.spacing + ui.style.rowHeight
        return Vec2(100, top + (Float(position) + 0.5) * ui.style.rowHeight)
    }

    @Test("a click selects the row under it, a header click sorts, and the selection follows the record")
    func clickSelectsAndSorts() {
        let h = Harness()
        var selection: String?
        var result = TableResult()
        func frame(_ events: (inout InputCollector) -> Void) {
            h.frame(events) { result = $0.table("t", columns: columns, rows: rows, rect, selection: &selection) }
        }
        frame { $0.mouseMoved(to: rowCenter(h.ui, 2)) }
        frame { $0.mouseButton(.left, down: true) }
        #expect(result.pressed)
        frame { $0.mouseButton(.left, down: false) }
        #expect(selection == "b9" && result.selectionChanged)
        // Sort by loss: click the "loss" header (the right column).
        let header = Vec2(500, h.ui.style.rowHeight + h.ui.style.spacing + h.ui.style.rowHeight / 2)
        frame {
            $0.mouseMoved(to: header)
            $0.mouseButton(.left, down: true)
        }
        frame { $0.mouseButton(.left, down: false) }
        frame { _ in }
        #expect(result.order.map { rows[$0].id } == ["b10", "a", "b9", "c", "d"])
        #expect(selection == "b9", "sorting keeps the selected record")
        // A press that drags off is not a click.
        frame {
            $0.mouseMoved(to: rowCenter(h.ui, 0))
            $0.mouseButton(.left, down: true)
        }
        frame { $0.mouseMoved(to: rowCenter(h.ui, 0) + Vec2(0, 15)) }
        frame { $0.mouseButton(.left, down: false) }
        #expect(selection == "b9")
    }

    @Test("keyboard moves go through the rows as shown, stop at the ends, and page by the rows in view")
    func keyboardMoves() {
        let h = Harness()
        var selection: String?
        let many = (0..<100).map { TableRow(id: "r\($0)", cells: [TableCell("row \($0)"), TableCell($0)]) }
        let small = Rect(x: 0, y: 0, width: 600, height: 200)
        func move(_ move: TableMove) {
            h.frame { $0.table("t", columns: columns, rows: many, small, selection: &selection, move: move) }
        }
        move(.next)
        #expect(selection == "r0", "the first move from nothing picks the first row")
        move(.next)
        move(.next)
        #expect(selection == "r2")
        move(.previous)
        #expect(selection == "r1")
        move(.pageDown)
        let bodyRows = Int((200 - h.ui.style.rowHeight * 2 - h.ui.style.spacing) / h.ui.style.rowHeight) - 1
        #expect(selection == "r\(1 + bodyRows)")
        move(.last)
        #expect(selection == "r99")
        move(.next)
        #expect(selection == "r99", "stops at the end")
        // The last row was scrolled into view: it is drawn.
        let drawn = h.frame { $0.table("t", columns: columns, rows: many, small, selection: &selection) }
        #expect(drawn.lists[0].texts.contains("row 99"))
        #expect(!drawn.lists[0].texts.contains("row 0"), "only rows in view are drawn")
        move(.first)
        #expect(selection == "r0")
        move(.pageUp)
        #expect(selection == "r0")
    }

    @Test("Ctrl+F focuses the filter; typing narrows the rows and the count says so")
    func filterBox() {
        let h = Harness()
        var selection: String?
        var result = TableResult()
        h.frame { result = $0.table("t", columns: columns, rows: rows, rect, selection: &selection, focusFilter: true) }
        #expect(h.ui.wantsTextInput)
        let drawn = h.frame({ $0.character("run") }) { result = $0.table("t", columns: columns, rows: rows, rect, selection: &selection) }
        #expect(result.order.map { rows[$0].id } == ["b10", "b9"])
        #expect(drawn.lists[0].texts.contains("2 of 5 rows"))
        h.frame({ $0.character("x") }) { result = $0.table("t", columns: columns, rows: rows, rect, selection: &selection) }
        let empty = h.frame { result = $0.table("t", columns: columns, rows: rows, rect, selection: &selection) }
        #expect(result.order.isEmpty && empty.lists[0].texts.contains("no row matches the filter"))
    }

    @Test("columns take what they need; when that is too much the widest give way and fixed ones keep theirs")
    func columnWidths() {
        let h = Harness()
        let font = h.ui.font
        let wide = [TableRow(id: "1", cells: [TableCell("a fairly long record name"), TableCell(String(repeating: "x", count: 80))])]
        let widths = h.ui.columnWidths(columns, wide, usable: 400)
        #expect(abs(widths.reduce(0, +) - 400) < 0.01)
        #expect(widths[0] >= font.measure("a fairly long record name"), "the record's name is kept whole")
        let roomy = h.ui.columnWidths(columns, rows, usable: 2000)
        #expect(abs(roomy.reduce(0, +) - 2000) < 0.01 && roomy.allSatisfy { $0 > 100 })
        #expect(UIContext.fitted([10, 50, 100], into: 100) == [10, 45, 45])
        #expect(UIContext.fitted([10, 20], into: 100) == [10, 20])
    }

    @Test("the inspector draws names and values, one row per line, only those in view")
    func inspector() {
        let h = Harness()
        let fields =
            [InspectorField("id", "run_1"), .heading("eval_metrics"), InspectorField("list", "first\nsecond")]
            + (0..<5000).map { InspectorField("f\($0)", "value \($0)") }
        let drawn = h.frame { $0.inspector("i", title: "Run run_1", fields: fields, Rect(x: 0, y: 0, width: 400, height: 300)) }
        let texts = drawn.lists[0].texts
        #expect(texts.contains("Run run_1") && texts.contains("run_1") && texts.contains("eval_metrics"))
        #expect(texts.contains("first") && texts.contains("second"))
        #expect(!texts.contains("value 4999"), "rows out of view are not drawn")
        #expect(texts.count < 100)
    }
}

@Suite("Crowded axes")
struct CrowdedAxisTests {
    @Test("names cut in the middle keep their ends, and fit")
    func truncateMiddle() {
        let font = FontAtlas.testing
        let cut = font.truncateMiddle("run_20251202_0001", toFit: font.measure("run_20251202_0001") * 0.6)
        #expect(cut.contains("…") && cut.hasPrefix("run") && cut.hasSuffix("01"))
        #expect(font.measure(cut) <= font.measure("run_20251202_0001") * 0.6)
        #expect(font.truncateMiddle("short", toFit: 1000) == "short")
    }

    @Test("200 category labels on x and y: thinned to what the axes hold, not dropped")
    func thinning() {
        let h = Harness()
        let labels = (0..<200).map { String(format: "run_20251202_%04d", $0) }
        let ticks = labels.enumerated().map { (value: Double($0.offset), label: $0.element) }
        let drawn = h.frame { ui in
            ui.plot("many", Rect(x: 0, y: 0, width: 800, height: 600), x: AxisOptions(ticks: ticks), y: AxisOptions(ticks: ticks)) { p in
                p.bars("v", values: (0..<200).map(Double.init))
            }
        }
        let shown = drawn.lists[0].texts.filter { $0.hasPrefix("run_") }
        #expect(!shown.isEmpty)
        // x: 800 px cannot hold 200 labels in two rows; y: 600 px cannot hold 200 lines.
        #expect(shown.count < 2 * 800 / 60 + 600 / Int(h.ui.font.lineHeight))
        #expect(shown.count > 10, "labels are thinned, not dropped")
    }
}

@Suite("Categorical density")
struct CategoricalDensityTests {
    @Test("with per-point colours each pixel is its points' mean colour, more opaque where more points fall")
    func classMix() {
        let red = Color(r: 240, g: 0, b: 0)
        let blue = Color(r: 0, g: 0, b: 200)
        // A 4×1 grid over x ∈ [0, 4]: cell 0 two reds, cell 1 one blue, cell 2 a red and a blue, cell 3 empty.
        let xs = [0.5, 0.6, 1.5, 2.5, 2.6]
        let ys = [0.5, 0.5, 0.5, 0.5, 0.5]
        let grid = DensityGrid(
            xs: xs, ys: ys, colors: [red, red, blue, red, blue], x: AxisRange(0, 4), y: AxisRange(0, 1), width: 4, height: 1)
        #expect(grid.counts == [2, 1, 2, 0])
        let pixels = grid.image(version: 1).pixels
        func rgba(_ p: UInt32) -> [UInt32] { [p & 0xFF, p >> 8 & 0xFF, p >> 16 & 0xFF, p >> 24] }
        #expect(Array(rgba(pixels[0]).prefix(3)) == [240, 0, 0])
        #expect(Array(rgba(pixels[1]).prefix(3)) == [0, 0, 200])
        #expect(Array(rgba(pixels[2]).prefix(3)) == [120, 0, 100], "a red and a blue: their mix")
        #expect(pixels[3] == 0, "empty: transparent")
        #expect(rgba(pixels[0])[3] == 255 && rgba(pixels[1])[3] < rgba(pixels[0])[3], "the densest cell is opaque, a single point less so")
        #expect(rgba(pixels[1])[3] >= 114, "a single point stays visible")
    }

    @Test("1M coloured points: every cell holds its 100 points and their whole colour sum")
    func parallelAgrees() {
        let n = 1_000_000
        // Mid-pixel positions, so rounding puts exactly 100 points in each of the 100 × 100 cells.
        let xs = (0..<n).map { (Double($0 % 1000) + 0.5) / 1000 }
        let ys = (0..<n).map { (Double($0 / 1000) + 0.5) / 1000 }
        let colors = (0..<n).map { Color(r: UInt8($0 % 10 * 20), g: 0, b: 0) }
        let grid = DensityGrid(xs: xs, ys: ys, colors: colors, x: AxisRange(0, 1), y: AxisRange(0, 1), width: 100, height: 100)
        #expect(grid.binned == n)
        // Every cell holds 100 points whose reds are 0, 20, …, 180 ten times each: sum 9000.
        #expect(grid.colorSums?.allSatisfy { $0 & 0x1F_FFFF == 9000 && $0 >> 21 == 0 } == true)
    }
}
