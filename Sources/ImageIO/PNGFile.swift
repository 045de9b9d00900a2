import CPNG
import DurableIO
import Foundation

/// PNG files through libpng's simplified API. Writing goes through `AtomicFile`: a reader never
/// sees half an image, and a written one survives a crash.
public enum PNGFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes RGBA8 pixels (row 0 at the top, 4 bytes per pixel) to `path` through `AtomicFile`
    /// (temporary file, fsync, rename, fsync of the folder), like every file we write.
    public static func write(path: String, width: Int, height: Int, rgba: [UInt8]) throws {
        let data = try encode(width: width, height: height, rgba: rgba, name: path)
        try AtomicFile.write(data, to: path)
    }

    /// The PNG file's bytes for RGBA8 pixels; `name` is for the error message.
    public static func encode(width: Int, height: Int, rgba: [UInt8], name: String = "image") throws -> Data {
        guard width > 0, height > 0, rgba.count >= width * height * 4 else {
            throw Failure(description: "cannot write \(name): \(width)×\(height) image with \(rgba.count) bytes")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        // First ask for the size, then write into a buffer of it.
        var size = 0
        let measured = rgba.withUnsafeBytes { bytes in
            png_image_write_to_memory(&image, nil, &size, 0, bytes.baseAddress, Int32(width * 4), nil)
        }
        var data = Data(count: size)
        let ok =
            measured != 0
            && data.withUnsafeMutableBytes { out in
                rgba.withUnsafeBytes { bytes in
                    png_image_write_to_memory(&image, out.baseAddress, &size, 0, bytes.baseAddress, Int32(width * 4), nil)
                }
            } != 0
        guard ok else {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            throw Failure(description: "cannot write \(name): \(message)")
        }
        return data.prefix(size)
    }

    /// Reads a PNG as RGBA8 (row 0 at the top).
    public static func read(path: String) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw Failure(description: "cannot read \(path): not a PNG file or unreadable")
        }
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        let width = Int(image.width)
        let height = Int(image.height)
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
