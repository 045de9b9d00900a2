// swift-tools-version: 6.2
import PackageDescription

/// hafs-viz: a native visualizer for ML training-data pipelines.
///
/// Targets point one way (see ARCHITECTURE.md; an arrow reads "is used by"):
///   CGuardedMap, DurableIO, Figures → HafsVizCore; DurableIO → ImageIO; Figures → Immediate
///   HafsVizCore, DurableIO, Figures → HafsVizModel (figures, feeds, labelling, commands; no UI)
///   HafsVizModel, Immediate → HafsVizApp (the window's workspaces, platform-free)
///   CGLFW → Platform; CGL → GLRenderer; CFreeType → FontRaster; CPNG → ImageIO
///   Platform, GLRenderer, FontRaster, ImageIO, Immediate → Shell (the window loop)
///   Figures → Terminal; Terminal, HafsVizModel → HafsVizTUI (the terminal front end)
///   HafsVizApp, HafsVizTUI, HafsVizModel, Shell, Platform, ImageIO → HafsVizCLI (commands, the window) → hafs-viz (thin main)
///   Immediate → GalleryKit → plot-gallery, hafs-viz-bench
let package = Package(
    name: "hafs-viz",
    products: [
        .executable(name: "hafs-viz", targets: ["hafs-viz"]),
        .library(name: "HafsVizCore", targets: ["HafsVizCore"]),
        .executable(name: "plot-gallery", targets: ["plot-gallery"]),
        .executable(name: "hafs-viz-bench", targets: ["hafs-viz-bench"]),
    ],
    dependencies: [
        // Exact: the version mirrored on our build machines, so nothing floats (Package.resolved is not kept).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // TensorBoard event messages (generated code committed: Scripts/generate-proto).
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        // MLflow's meta.yaml.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // The Latent workspace's latent.toml (training command and parameters).
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // Atomic, fsync'd file writes: the one path every file we write goes through.
        .target(name: "DurableIO"),
        // Plain values that front ends draw and people read, with no drawing and no platform: line
        // series with their min/max pyramids, statistics, table rows, key presses, and `Format`.
        .target(name: "Figures"),
        // Read-only file mappings that survive the file being truncated (SIGBUS absorbed).
        .target(name: "CGuardedMap"),
        // Platform-free data core: reads the pipeline's files into an immutable Snapshot.
        .target(
            name: "HafsVizCore",
            dependencies: [
                "CGuardedMap", "DurableIO", "Figures", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            exclude: ["Runs/Proto/tfevents.proto", "Runs/Proto/wandb.proto"]),
        // System libraries (installed by Scripts/install-deps).
        .systemLibrary(name: "CGLFW", pkgConfig: "glfw3", providers: [.apt(["libglfw3-dev"])]),
        .systemLibrary(name: "CGL", providers: [.apt(["libgl-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev", "libfontconfig-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CX11", pkgConfig: "x11", providers: [.apt(["libx11-dev"])]),
        // Platform-free immediate-mode UI and plot layer: input → widgets/plots → DrawList. No GL.
        .target(name: "Immediate", dependencies: ["Figures"]),
        // FreeType + fontconfig → FontAtlas (no GL).
        .target(name: "FontRaster", dependencies: ["CFreeType", "Immediate"]),
        // PNG read/write (writes through DurableIO).
        .target(name: "ImageIO", dependencies: ["CPNG", "DurableIO"]),
        // OpenGL 3.3 core renderer of DrawData; shaders from Shaders/ embedded at build time.
        .target(name: "GLRenderer", dependencies: ["CGL", "Immediate"], plugins: ["EmbedShaders"]),
        // The same DrawData drawn on the CPU: every frame of a window without a GPU, and a GL
        // window's first frame (shown before GL has compiled).
        .target(name: "CPURenderer", dependencies: ["Immediate"]),
        // GLFW window and input, with or without GL (`Drawing`); Xlib to show a CPU-drawn frame.
        .target(name: "Platform", dependencies: ["CGLFW", "CX11", "Figures", "Immediate"]),
        // Window + UI + renderer loop, offscreen frames and screenshots.
        .target(
            name: "Shell", dependencies: ["Platform", "GLRenderer", "CPURenderer", "FontRaster", "ImageIO", "Immediate", "CGL"]),
        .executableTarget(name: "embed-shaders"),
        .plugin(name: "EmbedShaders", capability: .buildTool(), dependencies: ["embed-shaders"]),
        // Examples and benchmarks of the plot layer.
        .target(name: "GalleryKit", dependencies: ["Figures", "Immediate"]),
        .executableTarget(name: "plot-gallery", dependencies: ["Shell", "GalleryKit", "Immediate"]),
        .executableTarget(
            name: "hafs-viz-bench",
            dependencies: [
                "Figures", "Shell", "GalleryKit", "Immediate", "HafsVizCore", "HafsVizModel", "HafsVizApp",
            ]),
        // The model layer under every front end: the figures people read, the feeds, the labelling
        // session, the actions as commands, settings. No UI, no platform: tested without either.
        .target(name: "HafsVizModel", dependencies: ["HafsVizCore", "DurableIO", "Figures"]),
        // The window's workspaces: panels, menus, status bar, views over the model. Platform-free.
        .target(name: "HafsVizApp", dependencies: ["HafsVizModel", "HafsVizCore", "DurableIO", "Figures", "Immediate"]),
        // The terminal layer: termios raw mode, the alternate screen and its restore, a cell buffer
        // and a diff renderer, input parsing, Braille charts. No GL.
        .target(name: "Terminal", dependencies: ["Figures"]),
        // The terminal front end on the model layer (`hafs-viz tui`).
        .target(name: "HafsVizTUI", dependencies: ["Terminal", "HafsVizModel", "HafsVizCore", "Figures"]),
        // Command-line commands (summary, later the window); a library so tests can drive it.
        .target(
            name: "HafsVizCLI",
            dependencies: [
                "HafsVizCore", "HafsVizModel", "HafsVizApp", "HafsVizTUI", "Shell", "Platform", "ImageIO", "Immediate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Thin entry point: parse arguments, run, map errors to exit codes.
        .executableTarget(name: "hafs-viz", dependencies: ["HafsVizCLI"]),
        // Test helpers shared by the test targets: seeded randomness, child processes with a time limit.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HafsVizCoreTests", dependencies: ["HafsVizCore", "CGuardedMap", "Figures", "TestSupport"]),
        .testTarget(name: "HafsVizModelTests", dependencies: ["HafsVizModel", "HafsVizCore", "Figures", "TestSupport"]),
        // Goldens (text frames) and the pyte replay script are read from the source tree, not bundled.
        .testTarget(
            name: "TerminalTests", dependencies: ["Terminal", "HafsVizTUI", "HafsVizModel", "HafsVizCore", "Figures", "TestSupport"],
            exclude: ["Goldens", "Replay"]),
        .testTarget(name: "ImmediateTests", dependencies: ["Immediate", "Figures", "TestSupport"]),
        .testTarget(
            name: "HafsVizAppTests", dependencies: ["HafsVizApp", "HafsVizModel", "HafsVizCore", "Figures", "Immediate", "TestSupport"]),
        .testTarget(
            name: "RenderTests",
            dependencies: ["Shell", "GLRenderer", "CPURenderer", "ImageIO", "Immediate", "FontRaster", "GalleryKit", "Platform"]),
        .testTarget(
            name: "HafsVizCLITests",
            dependencies: [
                "HafsVizCLI", "hafs-viz", "plot-gallery", "HafsVizApp", "HafsVizModel", "HafsVizCore", "Figures", "Shell", "ImageIO",
                "Immediate", "TestSupport", "CX11",
            ]),
    ],
    swiftLanguageModes: [.v6]
)

// Every warning in our own Swift targets is an error, so no build, incremental or clean, passes
// with one (dependencies keep their own settings). System-library targets compile no code.
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
