import Synchronization

/// One glyph of the atlas, in pixels at the atlas's size.
public struct Glyph: Sendable, Equatable {
    /// Pen advance after this glyph.
    public var advance: Float
    /// Top-left of the bitmap relative to the pen position on the baseline (y < 0 is above).
    public var offset: Vec2
    /// Bitmap size (zero for spaces).
    public var size: Vec2
    public var uv0: Vec2
    public var uv1: Vec2

    public init(advance: Float, offset: Vec2, size: Vec2, uv0: Vec2, uv1: Vec2) {
        self.advance = advance
        self.offset = offset
        self.size = size
        self.uv0 = uv0
        self.uv1 = uv1
    }
}

/// Characters asked of an atlas that it lacks, collected while drawing so the owner can rasterize
/// them before the next frame (lazy glyphs: a Cyrillic or Greek name needs no rebuild by hand).
public final class GlyphMisses: Sendable {
    private let missing = Mutex<Set<UInt32>>([])

    public init() {}

    func record(_ scalar: UInt32) { missing.withLock { _ = $0.insert(scalar) } }

    /// The characters recorded since the last call.
    public func take() -> Set<UInt32> {
        missing.withLock { set in
            defer { set.removeAll() }
            return set
        }
    }
}

/// A font rasterized into one alpha texture, plus the metrics the UI lays text out with. Made by
/// `FontRasterizer` (FreeType) in the app, or by `FontAtlas.testing` in tests. The texture also
/// holds a white texel (solid fills) and an anti-aliased disk (scatter markers).
public struct FontAtlas: Sendable {
    public var width: Int
    public var height: Int
    /// Coverage, one byte per texel, row 0 at the top.
    public var pixels: [UInt8]
    public var glyphs: [UInt32: Glyph]
    /// Drawn for characters the atlas lacks (a box), so missing glyphs are visible, not silent.
    public var fallback: Glyph
    public var lineHeight: Float
    /// Baseline distance from the top of a line.
    public var ascent: Float
    public var pixelSize: Float
    public var whiteUV: Vec2
    public var diskUV: Rect
    /// Characters the font itself lacks: drawn as the fallback box, never asked for again.
    public var unavailable: Set<UInt32> = []
    /// Characters looked up but not in the atlas (yet).
    public let misses = GlyphMisses()

    public init(
        width: Int, height: Int, pixels: [UInt8], glyphs: [UInt32: Glyph], fallback: Glyph,
        lineHeight: Float, ascent: Float, pixelSize: Float, whiteUV: Vec2, diskUV: Rect
    ) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.glyphs = glyphs
        self.fallback = fallback
        self.lineHeight = lineHeight
        self.ascent = ascent
        self.pixelSize = pixelSize
        self.whiteUV = whiteUV
        self.diskUV = diskUV
    }

    @inline(__always)
    public func glyph(_ scalar: UInt32) -> Glyph {
        if let glyph = glyphs[scalar] { return glyph }
        if scalar >= 0x20, !unavailable.contains(scalar) { misses.record(scalar) }
        return fallback
    }

    /// Width of `text` in pixels.
    public func measure(_ text: String) -> Float {
        var width: Float = 0
        for scalar in text.unicodeScalars { width += glyph(scalar.value).advance }
        return width
    }

    /// `text` shortened with "…" to fit `maxWidth` (unchanged when it fits).
    public func truncate(_ text: String, toFit maxWidth: Float) -> String {
        if measure(text) <= maxWidth { return text }
        let ellipsis = "…"
        let budget = maxWidth - measure(ellipsis)
        var width: Float = 0
        var out = ""
        for character in text {
            let w = measure(String(character))
            if width + w > budget { break }
            width += w
            out.append(character)
        }
        return out + ellipsis
    }

    /// `text` with its middle replaced by "…" to fit `maxWidth`: names that share a prefix
    /// (run_20251202_0001, run_20251202_0002) stay told apart by their ends.
    public func truncateMiddle(_ text: String, toFit maxWidth: Float) -> String {
        if measure(text) <= maxWidth { return text }
        let budget = maxWidth - measure("…")
        let characters = Array(text)
        var head = ""
        var tail = ""
        var width: Float = 0
        var front = 0
        var back = characters.count - 1
        // Take characters from both ends in turn, the end first (it holds what differs).
        var fromEnd = true
        while front <= back {
            let character = fromEnd ? characters[back] : characters[front]
            let w = measure(String(character))
            if width + w > budget { break }
            width += w
            if fromEnd {
                tail = String(character) + tail
                back -= 1
            } else {
                head.append(character)
                front += 1
            }
            fromEnd.toggle()
        }
        return head + "…" + tail
    }

    /// `text` fitted to `maxWidth` without cutting through a number: words that are numbers
    /// ("1806✓", "0.69", "12%") stay whole while the names around them are cut in the middle,
    /// the longest first ("code_generator  1806✓ 703✗" → "cod…tor  1806✓ 703✗"). When even
    /// one-letter names leave no room, the end is cut as a last resort.
    public func truncateKeepingNumbers(_ text: String, toFit maxWidth: Float) -> String {
        if measure(text) <= maxWidth { return text }
        // Split into words and the runs of spaces between them, so spacing is kept as written.
        var parts: [String] = []
        for character in text {
            if let last = parts.last, (last.last == " ") == (character == " ") {
                parts[parts.count - 1].append(character)
            } else {
                parts.append(String(character))
            }
        }
        // Words of letters are names; numbers and lone marks ("·", "—", ":") stay as they are.
        let names = parts.indices.filter {
            parts[$0].first != " " && !FontAtlas.isNumber(parts[$0]) && parts[$0].contains(where: \.isLetter)
        }
        // A phrase (more than two names) reads best cut at its end, before a whole word when
        // the cut would fall inside a number.
        if names.count > 2 { return truncateBeforeNumber(parts, toFit: maxWidth) }
        // Names give way from the last one back (the first usually says what the thing is),
        // each down to "a…b" before the one before it is touched.
        let least = measure("a…b")
        var over = measure(text) - maxWidth
        for index in names.reversed() where over > 0 {
            let width = measure(parts[index])
            guard width > least else { continue }
            let target = max(least, width - over)
            parts[index] = truncateMiddle(parts[index], toFit: target)
            over -= width - measure(parts[index])
        }
        let result = parts.joined()
        return measure(result) <= maxWidth ? result : truncate(text, toFit: maxWidth)
    }

    /// `parts` (words and spaces) cut at the end with "…", never inside a number word.
    private func truncateBeforeNumber(_ parts: [String], toFit maxWidth: Float) -> String {
        let budget = maxWidth - measure("…")
        var out = ""
        var width: Float = 0
        for part in parts {
            let w = measure(part)
            if width + w <= budget {
                out += part
                width += w
                continue
            }
            // The part that does not fit: a name may be cut, a number may not.
            if part.first != " ", !FontAtlas.isNumber(part) { out += truncate(part, toFit: budget - width).dropLast() }
            break
        }
        return out.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `text` shortened to `maxWidth` by dropping its last " · "-separated parts first (a
    /// legend's details), then cutting what remains without cutting numbers; when not even that
    /// fits, its first word (the name) alone, cut at its end (a short name keeps its start).
    public func shorten(_ text: String, toFit maxWidth: Float) -> String {
        if measure(text) <= maxWidth { return text }
        var parts = text.components(separatedBy: " · ")
        while parts.count > 1 {
            let dropped = parts.removeLast()
            let candidate = parts.joined(separator: " · ")
            if measure(candidate) <= maxWidth {
                // The first part dropped, cut, when enough of it is left to say something.
                let room = maxWidth - measure(candidate + " · ")
                let partial = truncateKeepingNumbers(dropped, toFit: room)
                return partial.count >= 12 ? candidate + " · " + partial : candidate
            }
        }
        let cut = truncateKeepingNumbers(parts[0], toFit: maxWidth)
        let words = parts[0].split(separator: " ")
        // The cut kept its numbers (or there were none to keep): it says more than the name alone.
        if words.filter({ FontAtlas.isNumber(String($0)) }).allSatisfy({ cut.contains($0) }) { return cut }
        return truncate(String(words.first ?? ""), toFit: maxWidth)
    }

    /// Texts laid side by side, fitted to `maxWidth` together: the widest are cut first (each
    /// to a common cap, numbers kept whole), so short ones stay whole.
    public func fit(_ texts: [String], toFit maxWidth: Float) -> [String] {
        let widths = texts.map(measure)
        guard widths.reduce(0, +) > maxWidth, !texts.isEmpty else { return texts }
        var low: Float = 0
        var high = widths.max() ?? 0
        for _ in 0..<24 {
            let mid = (low + high) / 2
            if widths.reduce(0, { $0 + min($1, mid) }) <= maxWidth { low = mid } else { high = mid }
        }
        return zip(texts, widths).map { text, width in width > low ? truncateKeepingNumbers(text, toFit: low) : text }
    }

    /// A word that is a number: digits with signs, separators and a unit mark ("1806✓", "-0.5", "12%").
    static func isNumber(_ word: String) -> Bool {
        guard word.contains(where: \.isNumber) else { return false }
        return word.allSatisfy { $0.isNumber || "+-−.,%✓✗×e".contains($0) }
    }

    /// Characters every atlas includes: printable ASCII, Latin-1, and the symbols the UI uses.
    public static let standardCharacters: [UInt32] =
        Array(0x20...0x7E) + Array(0xA0...0xFF)
        + [
            0x2026, 0x2013, 0x2014, 0x2022, 0x00B7, 0x2190, 0x2191, 0x2192, 0x2193, 0x2197, 0x2198, 0x2212,
            0x00B1, 0x00D7, 0x2264, 0x2265, 0x2248, 0x221E, 0x25B2, 0x25BC, 0x25B6, 0x2713, 0x2717, 0x2318,
            0x03BC, 0x03C3, 0x03BB, 0x2191, 0x26A0,
        ]

    /// A deterministic atlas for tests and headless layout: every character is a solid box of
    /// `advance - 1` × `ascent` pixels; advance 7 px, line height 16 px.
    public static var testing: FontAtlas {
        let advance: Float = 7
        let ascent: Float = 12
        let width = 64
        let height = 64
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<12 { for x in 0..<6 { pixels[y * width + x] = 255 } }  // the box glyph
        for y in 0..<32 {
            for x in 32..<64 {  // the disk
                let dx = Float(x - 48) + 0.5
                let dy = Float(y - 16) + 0.5
                let d = (dx * dx + dy * dy).squareRoot()
                pixels[y * width + x] = UInt8(max(0, min(255, (15 - d) * 255)))
            }
        }
        pixels[63 * width + 0] = 255  // the white texel
        let box = Glyph(
            advance: advance, offset: Vec2(0, -ascent), size: Vec2(6, 12),
            uv0: Vec2(0, 0), uv1: Vec2(6 / 64, 12 / 64))
        var glyphs: [UInt32: Glyph] = [:]
        for scalar in standardCharacters { glyphs[scalar] = box }
        glyphs[0x20] = Glyph(advance: advance, offset: .zero, size: .zero, uv0: .zero, uv1: .zero)
        return FontAtlas(
            width: width, height: height, pixels: pixels, glyphs: glyphs, fallback: box,
            lineHeight: 16, ascent: ascent, pixelSize: 14, whiteUV: Vec2(0.5 / 64, 63.5 / 64),
            diskUV: Rect(min: Vec2(32.0 / 64, 0), max: Vec2(1, 32.0 / 64)))
    }
}
