import CPNG
import Foundation

/// PNG files through libpng's simplified API. Writing is atomic: a temporary file in the same
/// directory, then a rename, so a reader never sees half an image.
public enum PNGFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes RGBA8 pixels (row 0 at the top, 4 bytes per pixel) to `path`.
    public static func write(path: String, width: Int, height: Int, rgba: [UInt8]) throws {
        guard width > 0, height > 0, rgba.count >= width * height * 4 else {
            throw Failure(description: "cannot write \(path): \(width)×\(height) image with \(rgba.count) bytes")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        let ok = rgba.withUnsafeBytes { bytes in
            png_image_write_to_file(&image, temporary, 0, bytes.baseAddress, Int32(width * 4), nil)
        }
        guard ok != 0 else {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(message)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }

    /// Reads a PNG as RGBA8 (row 0 at the top).
    public static func read(path: String) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw Failure(description: "cannot read \(path): not a PNG file or unreadable")
        }
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        let width = Int(image.width), height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let ok = pixels.withUnsafeMutableBytes { bytes in
            png_image_finish_read(&image, nil, bytes.baseAddress, Int32(width * 4), nil)
        }
        guard ok != 0 else {
            png_image_free(&image)
            throw Failure(description: "cannot decode \(path)")
        }
        return (width, height, pixels)
    }
}
