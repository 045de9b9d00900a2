import CFreeType
import Foundation
import Immediate

/// Rasterizes the UI font with FreeType into a `FontAtlas`. The font is found with fontconfig
/// ("DejaVu Sans", then the system's sans-serif), falling back to DejaVu Sans's usual path.
public enum FontRasterizer {
    public enum Failure: Error, CustomStringConvertible {
        case noFont(String)
        case freetype(String)

        public var description: String {
            switch self {
            case .noFont(let detail): "no usable UI font: \(detail) (install fonts-dejavu-core)"
            case .freetype(let detail): "FreeType: \(detail)"
            }
        }
    }

    /// Path of the UI font file.
    public static func findFont(family: String = "DejaVu Sans") -> String? {
        if let path = fontconfigMatch(family), FileManager.default.fileExists(atPath: path) { return path }
        let fallbacks = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"]
        return fallbacks.first { FileManager.default.fileExists(atPath: $0) }
    }

    private static func fontconfigMatch(_ family: String) -> String? {
        guard let config = FcInitLoadConfigAndFonts() else { return nil }
        defer { FcConfigDestroy(config) }
        guard let pattern = FcNameParse(family) else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        return String(cString: file)
    }

    /// An atlas of `FontAtlas.standardCharacters` at `pixelSize` (already multiplied by the HiDPI
    /// scale), plus a white texel and a marker disk.
    /// - Parameter extra: characters beyond the standard set (from `FontAtlas.misses`); those the
    ///   font lacks are listed in the result's `unavailable`.
    public static func makeAtlas(pixelSize: Float, fontPath: String? = nil, extra: Set<UInt32> = []) throws -> FontAtlas {
        guard let path = fontPath ?? findFont() else { throw Failure.noFont("fontconfig found no sans-serif font") }
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw Failure.freetype("cannot initialise") }
        defer { FT_Done_FreeType(library) }
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else { throw Failure.noFont("cannot open \(path)") }
        defer { FT_Done_Face(face) }
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize.rounded()))
        let metrics = face.pointee.size.pointee.metrics
        let ascent = Float(metrics.ascender) / 64
        let descent = Float(-metrics.descender) / 64
        let lineHeight = (ascent + descent).rounded(.up) + 1

        // Shelf packing into a 1024-wide texture; rows grow as needed.
        let width = 1024
        var pixels = [UInt8](repeating: 0, count: width * 64)
        var cursor = (x: 1, y: 1, rowHeight: 0)
        func place(_ w: Int, _ h: Int) -> (Int, Int) {
            if cursor.x + w + 1 > width {
                cursor = (1, cursor.y + cursor.rowHeight + 1, 0)
            }
            let origin = (cursor.x, cursor.y)
            cursor.x += w + 1
            cursor.rowHeight = max(cursor.rowHeight, h)
            let needed = (cursor.y + cursor.rowHeight + 1) * width
            if needed > pixels.count { pixels += [UInt8](repeating: 0, count: needed - pixels.count + width * 64) }
            return origin
        }
        var placed: [(UInt32, Int, Int, Int, Int, Float, Vec2)] = []  // scalar, x, y, w, h, advance, offset
        var unavailable: Set<UInt32> = []
        let wanted = FontAtlas.standardCharacters + extra.subtracting(FontAtlas.standardCharacters).sorted()
        for scalar in wanted {
            // Characters the font lacks map to glyph 0; leave them to the atlas's fallback box.
            if FT_Get_Char_Index(face, FT_ULong(scalar)) == 0, scalar != 0x20 {
                unavailable.insert(scalar)
                continue
            }
            guard FT_Load_Char(face, FT_ULong(scalar), FT_Int32(FT_LOAD_RENDER)) == 0, let glyph = face.pointee.glyph else {
                unavailable.insert(scalar)
                continue
            }
            let bitmap = glyph.pointee.bitmap
            let w = Int(bitmap.width)
            let h = Int(bitmap.rows)
            let (x, y) = place(w, h)
            if let buffer = bitmap.buffer {
                for row in 0..<h {
                    for column in 0..<w {
                        pixels[(y + row) * width + x + column] = buffer[row * Int(bitmap.pitch) + column]
                    }
                }
            }
            placed.append(
                (
                    scalar, x, y, w, h, Float(glyph.pointee.advance.x) / 64,
                    Vec2(Float(glyph.pointee.bitmap_left), -Float(glyph.pointee.bitmap_top))
                ))
        }
        // White texel block and the marker disk (radius 31 in a 64 px cell, 1 px of feather).
        let (whiteX, whiteY) = place(4, 4)
        for row in 0..<4 { for column in 0..<4 { pixels[(whiteY + row) * width + whiteX + column] = 255 } }
        let disk = 64
        let (diskX, diskY) = place(disk, disk)
        for row in 0..<disk {
            for column in 0..<disk {
                let dx = Float(column) + 0.5 - Float(disk) / 2
                let dy = Float(row) + 0.5 - Float(disk) / 2
                let coverage = max(0, min(1, Float(disk) / 2 - 1 - (dx * dx + dy * dy).squareRoot() + 0.5))
                pixels[(diskY + row) * width + diskX + column] = UInt8(coverage * 255)
            }
        }
        // Fallback: an outlined box the size of a capital letter.
        let boxW = max(3, Int(pixelSize * 0.5))
        let boxH = max(5, Int(ascent * 0.8))
        let (boxX, boxY) = place(boxW, boxH)
        for row in 0..<boxH {
            for column in 0..<boxW where row == 0 || row == boxH - 1 || column == 0 || column == boxW - 1 {
                pixels[(boxY + row) * width + boxX + column] = 255
            }
        }
        let height = cursor.y + cursor.rowHeight + 2
        pixels = Array(pixels.prefix(width * height))
        let w = Float(width)
        let h = Float(height)
        var glyphs: [UInt32: Glyph] = [:]
        for (scalar, x, y, gw, gh, advance, offset) in placed {
            glyphs[scalar] = Glyph(
                advance: advance.rounded(), offset: offset, size: Vec2(Float(gw), Float(gh)),
                uv0: Vec2(Float(x) / w, Float(y) / h), uv1: Vec2(Float(x + gw) / w, Float(y + gh) / h))
        }
        let fallback = Glyph(
            advance: Float(boxW + 2), offset: Vec2(1, -Float(boxH)), size: Vec2(Float(boxW), Float(boxH)),
            uv0: Vec2(Float(boxX) / w, Float(boxY) / h), uv1: Vec2(Float(boxX + boxW) / w, Float(boxY + boxH) / h))
        var atlas = FontAtlas(
            width: width, height: height, pixels: pixels, glyphs: glyphs, fallback: fallback,
            lineHeight: lineHeight, ascent: ascent.rounded(), pixelSize: pixelSize,
            whiteUV: Vec2((Float(whiteX) + 2) / w, (Float(whiteY) + 2) / h),
            diskUV: Rect(min: Vec2(Float(diskX) / w, Float(diskY) / h), max: Vec2(Float(diskX + disk) / w, Float(diskY + disk) / h)))
        atlas.unavailable = unavailable
        return atlas
    }
}
