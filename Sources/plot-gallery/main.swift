import Foundation
import GalleryKit
import Immediate
import Shell

// plot-gallery [--screenshot FILE] [--size WxH] [--page N] [--tab N]: every plot item and interaction.
// With --screenshot it renders one frame offscreen (hidden window) and exits.

@MainActor
func main() -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var screenshot: String?
    var size = (1600, 1000)
    var tab = 0
    var page = 0
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        switch argument {
        case "--screenshot":
            guard !arguments.isEmpty else { return usage("--screenshot needs a file name") }
            screenshot = arguments.removeFirst()
        case "--size":
            guard !arguments.isEmpty, let parsed = Shell.parseSize(arguments.removeFirst()) else {
                return usage("--size takes WxH, e.g. 1600x1000")
            }
            size = parsed
        case "--tab":
            guard !arguments.isEmpty, let value = Int(arguments.removeFirst()) else { return usage("--tab takes 0 or 1") }
            tab = value
        case "--page":
            guard !arguments.isEmpty, let value = Int(arguments.removeFirst()), Gallery.pages.indices.contains(value) else {
                return usage(
                    "--page takes 0…\(Gallery.pages.count - 1): "
                        + Gallery.pages.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "))
            }
            page = value
        case "-h", "--help":
            print("usage: plot-gallery [--screenshot FILE] [--size WxH] [--page N] [--tab N]")
            return 0
        default:
            return usage("unknown argument \(argument)")
        }
    }
    do {
        let shell = try Shell(title: "hafs-viz plot gallery", width: size.0, height: size.1, visible: screenshot == nil)
        let gallery = Gallery(data: GalleryData())
        shell.ui.selectTab("bars-tabs", tab)
        shell.ui.selectTab("gallery-pages", page)
        if let screenshot {
            try shell.screenshot(path: screenshot, width: size.0, height: size.1, frame: gallery.frame)
            print("wrote \(screenshot)")
            return 0
        }
        try shell.run(GalleryContent(gallery))
        return 0
    } catch {
        FileHandle.standardError.write(Data("plot-gallery: \(error)\n".utf8))
        return 2
    }
}

/// The gallery in the shell's loop.
@MainActor
final class GalleryContent: ShellContent {
    let gallery: Gallery

    init(_ gallery: Gallery) {
        self.gallery = gallery
    }

    func frame(_ ui: UIContext) {
        let start = DispatchTime.now().uptimeNanoseconds
        gallery.frame(ui)
        gallery.lastFrameMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    func idle(now: Double) -> Bool { false }
    func idleTimeout(now: Double) -> Double { 0.5 }
    var animating: Bool { false }
    var quitRequested: Bool { gallery.quitRequested }
    func frameDone() {}
}

func usage(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data("plot-gallery: \(message)\nusage: plot-gallery [--screenshot FILE] [--size WxH] [--tab N]\n".utf8))
    return 2
}

exit(main())
