import CGL
import Immediate

/// Draws `DrawData` with OpenGL 3.3 core: one vertex format, three programs (coverage-texture UI,
/// solid fills, RGBA images), scissor per command, buffers re-specified each frame. Needs a
/// current context.
///
/// Only the UI program is made before the first frame. Under Mesa's software rasterizer each
/// program compiles on its first draw (about 40 ms apiece with an empty shader cache), so the
/// solid and image programs are made after the first frame is shown (`finishWarmUp`); until
/// then solid fills go through the UI program, which samples the atlas's white texel and gives
/// the same colour.
public final class GLRenderer {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Program {
        var id: GLuint
        var projection: GLint
        var texture: GLint
    }

    private let uiProgram: Program
    private var imageProgram: Program?
    private var solidProgram: Program?
    private var vao: GLuint = 0
    private var vbo: GLuint = 0
    private var ebo: GLuint = 0
    private var fontTexture: GLuint = 0
    private var images: [Int: (texture: GLuint, version: Int, width: Int, height: Int)] = [:]

    /// Compiles the UI program, uploads the font atlas and warms the program with one draw (a
    /// first draw with a new shader costs tens of milliseconds under Mesa; better at startup than
    /// mid-pan). `finishWarmUp` makes the other two.
    public init(font: FontAtlas) throws {
        uiProgram = try GLRenderer.program(vertex: "ui.vert", fragment: "ui.frag")
        glGenVertexArrays(1, &vao)
        glGenBuffers(1, &vbo)
        glGenBuffers(1, &ebo)
        glBindVertexArray(vao)
        glBindBuffer(GLenum(GL_ARRAY_BUFFER), vbo)
        glBindBuffer(GLenum(GL_ELEMENT_ARRAY_BUFFER), ebo)
        let stride = GLsizei(MemoryLayout<DrawVertex>.stride)
        glEnableVertexAttribArray(0)
        glVertexAttribPointer(
            0, 2, GLenum(GL_FLOAT), GLboolean(GL_FALSE), stride,
            UnsafeRawPointer(bitPattern: MemoryLayout<DrawVertex>.offset(of: \.position)!))
        glEnableVertexAttribArray(1)
        glVertexAttribPointer(
            1, 2, GLenum(GL_FLOAT), GLboolean(GL_FALSE), stride, UnsafeRawPointer(bitPattern: MemoryLayout<DrawVertex>.offset(of: \.uv)!))
        glEnableVertexAttribArray(2)
        glVertexAttribPointer(
            2, 4, GLenum(GL_UNSIGNED_BYTE), GLboolean(GL_TRUE), stride,
            UnsafeRawPointer(bitPattern: MemoryLayout<DrawVertex>.offset(of: \.color)!))
        glBindVertexArray(0)
        updateFont(font)
        warmUp(font: font, programs: [.font])
    }

    /// Makes and warms the solid and image programs; call once the first frame is on screen.
    /// Safe to call again (it does nothing), and never needed for correct output: a draw that
    /// needs a program not made yet makes it then.
    public func finishWarmUp(font: FontAtlas) {
        guard solidProgram == nil || imageProgram == nil else { return }
        do {
            if solidProgram == nil { solidProgram = try GLRenderer.program(vertex: "ui.vert", fragment: "solid.frag") }
            if imageProgram == nil { imageProgram = try GLRenderer.program(vertex: "ui.vert", fragment: "image.frag") }
        } catch {
            return  // the UI program draws solid fills; images are skipped
        }
        warmUp(font: font, programs: [.solid, .image(-1)])
    }

    deinit {
        glDeleteBuffers(1, &vbo)
        glDeleteBuffers(1, &ebo)
        glDeleteVertexArrays(1, &vao)
        glDeleteTextures(1, &fontTexture)
        for image in images.values {
            var texture = image.texture
            glDeleteTextures(1, &texture)
        }
        glDeleteProgram(uiProgram.id)
        if let imageProgram { glDeleteProgram(imageProgram.id) }
        if let solidProgram { glDeleteProgram(solidProgram.id) }
    }

    /// Uploads a (new) font atlas.
    public func updateFont(_ font: FontAtlas) {
        if fontTexture == 0 { glGenTextures(1, &fontTexture) }
        glBindTexture(GLenum(GL_TEXTURE_2D), fontTexture)
        glPixelStorei(GLenum(GL_UNPACK_ALIGNMENT), 1)
        font.pixels.withUnsafeBytes { bytes in
            glTexImage2D(
                GLenum(GL_TEXTURE_2D), 0, GL_R8, GLsizei(font.width), GLsizei(font.height), 0,
                GLenum(GL_RED), GLenum(GL_UNSIGNED_BYTE), bytes.baseAddress)
        }
        GLRenderer.setSampling(filter: GL_LINEAR)
    }

    /// Filtering and clamping of the bound 2-D texture.
    private static func setSampling(filter: Int32) {
        glTexParameteri(GLenum(GL_TEXTURE_2D), GLenum(GL_TEXTURE_MIN_FILTER), filter)
        glTexParameteri(GLenum(GL_TEXTURE_2D), GLenum(GL_TEXTURE_MAG_FILTER), filter)
        glTexParameteri(GLenum(GL_TEXTURE_2D), GLenum(GL_TEXTURE_WRAP_S), GL_CLAMP_TO_EDGE)
        glTexParameteri(GLenum(GL_TEXTURE_2D), GLenum(GL_TEXTURE_WRAP_T), GL_CLAMP_TO_EDGE)
    }

    /// One draw with each program of `programs` into one pixel of the back buffer. Opaque
    /// colours: a draw list drops anything fully transparent, and a dropped draw warms nothing.
    /// The next frame clears that pixel.
    private func warmUp(font: FontAtlas, programs: [TextureID]) {
        var list = DrawList()
        list.whiteUV = font.whiteUV
        for program in programs {
            switch program {
            case .solid: list.addRectFilled(Rect(x: 0, y: 0, width: 1, height: 1), .black)
            case .font: list.addText("x", at: .zero, font: font, .black)
            case .image: list.addImage(.image(-1), Rect(x: 0, y: 0, width: 1, height: 1), tint: .black)
            }
        }
        let data = DrawData(
            lists: [list], images: [-1: DrawImage(width: 1, height: 1, pixels: [0], version: 0)],
            displaySize: Vec2(1, 1), clearColor: .black)
        render(data, width: 1, height: 1, clear: false)
        glFinish()
    }

    /// Draws one frame into the bound framebuffer of `width` × `height` pixels.
    public func render(_ data: DrawData, width: Int, height: Int, clear: Bool = true) {
        glViewport(0, 0, GLsizei(width), GLsizei(height))
        if clear {
            let c = data.clearColor
            glClearColor(Float(c.r) / 255, Float(c.g) / 255, Float(c.b) / 255, 1)
            glClear(GLbitfield(GL_COLOR_BUFFER_BIT))
        }
        glEnable(GLenum(GL_BLEND))
        glBlendEquation(GLenum(GL_FUNC_ADD))
        glBlendFuncSeparate(GLenum(GL_SRC_ALPHA), GLenum(GL_ONE_MINUS_SRC_ALPHA), GLenum(GL_ONE), GLenum(GL_ONE_MINUS_SRC_ALPHA))
        glDisable(GLenum(GL_CULL_FACE))
        glDisable(GLenum(GL_DEPTH_TEST))
        glEnable(GLenum(GL_SCISSOR_TEST))
        uploadImages(data.images)
        // Pixel coordinates (y down) → clip space.
        let w = Float(width)
        let h = Float(height)
        let projection: [Float] = [2 / w, 0, 0, 0, 0, -2 / h, 0, 0, 0, 0, -1, 0, -1, 1, 0, 1]
        if imageProgram == nil, data.lists.contains(where: { $0.commands.contains { $0.texture.isImage } }) {
            imageProgram = try? GLRenderer.program(vertex: "ui.vert", fragment: "image.frag")
        }
        for program in [uiProgram, imageProgram, solidProgram].compactMap({ $0 }) {
            glUseProgram(program.id)
            glUniformMatrix4fv(program.projection, 1, GLboolean(GL_FALSE), projection)
            glUniform1i(program.texture, 0)
        }
        glActiveTexture(GLenum(GL_TEXTURE0))
        glBindVertexArray(vao)
        var current: GLuint = .max
        for list in data.lists where !list.commands.isEmpty {
            list.vertices.withUnsafeBytes { bytes in
                glBufferData(GLenum(GL_ARRAY_BUFFER), bytes.count, bytes.baseAddress, GLenum(GL_STREAM_DRAW))
            }
            list.indices.withUnsafeBytes { bytes in
                glBufferData(GLenum(GL_ELEMENT_ARRAY_BUFFER), bytes.count, bytes.baseAddress, GLenum(GL_STREAM_DRAW))
            }
            for command in list.commands where command.indexCount > 0 {
                let clip = command.clip.intersection(Rect(min: .zero, max: Vec2(w, h)))
                guard !clip.isEmpty else { continue }
                glScissor(GLint(clip.min.x), GLint(h - clip.max.y), GLsizei(clip.width.rounded(.up)), GLsizei(clip.height.rounded(.up)))
                let texture: GLuint
                let program: GLuint
                switch command.texture {
                case .solid:
                    // Before `finishWarmUp`, the UI program: the white texel gives the same colour.
                    texture = fontTexture
                    program = (solidProgram ?? uiProgram).id
                case .font:
                    texture = fontTexture
                    program = uiProgram.id
                case .image(let slot):
                    guard let imageProgram else { continue }
                    texture = images[slot]?.texture ?? fontTexture
                    program = imageProgram.id
                }
                if program != current {
                    glUseProgram(program)
                    current = program
                }
                glBindTexture(GLenum(GL_TEXTURE_2D), texture)
                glDrawElements(
                    GLenum(GL_TRIANGLES), GLsizei(command.indexCount), GLenum(GL_UNSIGNED_INT),
                    UnsafeRawPointer(bitPattern: command.indexOffset * MemoryLayout<UInt32>.stride))
            }
        }
        glBindVertexArray(0)
        glDisable(GLenum(GL_SCISSOR_TEST))
    }

    private func uploadImages(_ frameImages: [Int: DrawImage]) {
        for (slot, image) in frameImages {
            if let existing = images[slot], existing.version == image.version, existing.width == image.width,
                existing.height == image.height
            {
                continue
            }
            var texture = images[slot]?.texture ?? 0
            if texture == 0 { glGenTextures(1, &texture) }
            glBindTexture(GLenum(GL_TEXTURE_2D), texture)
            glPixelStorei(GLenum(GL_UNPACK_ALIGNMENT), 4)
            let sameSize = images[slot].map { $0.width == image.width && $0.height == image.height } ?? false
            image.pixels.withUnsafeBytes { bytes in
                if sameSize, let update = image.update, images[slot]?.version == update.of,
                    update.columns.lowerBound >= 0, update.columns.upperBound <= image.width
                {
                    // Only the columns that changed since the version the texture holds.
                    glPixelStorei(GLenum(GL_UNPACK_ROW_LENGTH), GLint(image.width))
                    glPixelStorei(GLenum(GL_UNPACK_SKIP_PIXELS), GLint(update.columns.lowerBound))
                    glTexSubImage2D(
                        GLenum(GL_TEXTURE_2D), 0, GLint(update.columns.lowerBound), 0, GLsizei(update.columns.count),
                        GLsizei(image.height), GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), bytes.baseAddress)
                    glPixelStorei(GLenum(GL_UNPACK_ROW_LENGTH), 0)
                    glPixelStorei(GLenum(GL_UNPACK_SKIP_PIXELS), 0)
                } else if sameSize {
                    // Same size: update in place (no reallocation of the texture's storage).
                    glTexSubImage2D(
                        GLenum(GL_TEXTURE_2D), 0, 0, 0, GLsizei(image.width), GLsizei(image.height),
                        GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), bytes.baseAddress)
                } else {
                    glTexImage2D(
                        GLenum(GL_TEXTURE_2D), 0, GL_RGBA8, GLsizei(image.width), GLsizei(image.height), 0,
                        GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), bytes.baseAddress)
                }
            }
            // Nearest: one density cell per screen pixel, no smearing of single points.
            GLRenderer.setSampling(filter: GL_NEAREST)
            images[slot] = (texture, image.version, image.width, image.height)
        }
    }

    // MARK: - Shaders

    private static func program(vertex: String, fragment: String) throws -> Program {
        let vs = try compile(vertex, GLenum(GL_VERTEX_SHADER))
        let fs = try compile(fragment, GLenum(GL_FRAGMENT_SHADER))
        let id = glCreateProgram()
        glAttachShader(id, vs)
        glAttachShader(id, fs)
        glLinkProgram(id)
        glDeleteShader(vs)
        glDeleteShader(fs)
        var ok: GLint = 0
        glGetProgramiv(id, GLenum(GL_LINK_STATUS), &ok)
        guard ok != 0 else { throw Failure(description: "linking \(vertex)+\(fragment): \(log(id, program: true))") }
        return Program(id: id, projection: glGetUniformLocation(id, "u_projection"), texture: glGetUniformLocation(id, "u_texture"))
    }

    private static func compile(_ name: String, _ kind: GLenum) throws -> GLuint {
        guard let source = EmbeddedShaders.sources[name] else {
            throw Failure(description: "shader \(name) is not embedded (is it in Shaders/?)")
        }
        let shader = glCreateShader(kind)
        source.withCString { text in
            var pointer: UnsafePointer<GLchar>? = text
            glShaderSource(shader, 1, &pointer, nil)
        }
        glCompileShader(shader)
        var ok: GLint = 0
        glGetShaderiv(shader, GLenum(GL_COMPILE_STATUS), &ok)
        guard ok != 0 else { throw Failure(description: "compiling \(name): \(log(shader, program: false))") }
        return shader
    }

    private static func log(_ object: GLuint, program: Bool) -> String {
        var buffer = [GLchar](repeating: 0, count: 4096)
        var length: GLsizei = 0
        if program { glGetProgramInfoLog(object, 4096, &length, &buffer) } else { glGetShaderInfoLog(object, 4096, &length, &buffer) }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An offscreen RGBA8 framebuffer: render into it, read the pixels back (top row first).
public final class OffscreenTarget {
    public let width: Int
    public let height: Int
    private var framebuffer: GLuint = 0
    private var color: GLuint = 0

    public init(width: Int, height: Int) throws {
        self.width = width
        self.height = height
        glGenFramebuffers(1, &framebuffer)
        glGenRenderbuffers(1, &color)
        glBindRenderbuffer(GLenum(GL_RENDERBUFFER), color)
        glRenderbufferStorage(GLenum(GL_RENDERBUFFER), GLenum(GL_RGBA8), GLsizei(width), GLsizei(height))
        glBindFramebuffer(GLenum(GL_FRAMEBUFFER), framebuffer)
        glFramebufferRenderbuffer(GLenum(GL_FRAMEBUFFER), GLenum(GL_COLOR_ATTACHMENT0), GLenum(GL_RENDERBUFFER), color)
        let status = glCheckFramebufferStatus(GLenum(GL_FRAMEBUFFER))
        glBindFramebuffer(GLenum(GL_FRAMEBUFFER), 0)
        guard status == GLenum(GL_FRAMEBUFFER_COMPLETE) else {
            throw GLRenderer.Failure(
                description: "offscreen framebuffer \(width)×\(height) incomplete (status 0x\(String(status, radix: 16)))")
        }
    }

    deinit {
        glDeleteFramebuffers(1, &framebuffer)
        glDeleteRenderbuffers(1, &color)
    }

    /// Makes this the target of drawing.
    public func bind() { glBindFramebuffer(GLenum(GL_FRAMEBUFFER), framebuffer) }
    /// Back to the window.
    public func unbind() { glBindFramebuffer(GLenum(GL_FRAMEBUFFER), 0) }

    /// The pixels as RGBA8, top row first (GL reads bottom-up; rows are flipped here).
    public func readPixels() -> [UInt8] {
        bind()
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        glPixelStorei(GLenum(GL_PACK_ALIGNMENT), 4)
        pixels.withUnsafeMutableBytes { bytes in
            glReadPixels(0, 0, GLsizei(width), GLsizei(height), GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), bytes.baseAddress)
        }
        let row = width * 4
        var flipped = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<height {
            flipped.replaceSubrange((y * row)..<((y + 1) * row), with: pixels[((height - 1 - y) * row)..<((height - y) * row)])
        }
        return flipped
    }
}

extension TextureID {
    fileprivate var isImage: Bool {
        if case .image = self { return true }
        return false
    }
}
