// swift-tools-version: 6.1
import PackageDescription

/// hafs-viz: a native visualizer for ML training-data pipelines.
///
/// Targets point one way (see ARCHITECTURE.md):
/// HafsVizCore (data, platform-free) ← HafsVizCLI (commands) ← hafs-viz (thin main).
let package = Package(
    name: "hafs-viz",
    products: [
        .executable(name: "hafs-viz", targets: ["hafs-viz"]),
        .library(name: "HafsVizCore", targets: ["HafsVizCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Platform-free data core: reads the pipeline's files into an immutable Snapshot.
        .target(name: "HafsVizCore"),
        // Command-line commands (summary, later the window); a library so tests can drive it.
        .target(
            name: "HafsVizCLI",
            dependencies: [
                "HafsVizCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Thin entry point: parse arguments, run, map errors to exit codes.
        .executableTarget(name: "hafs-viz", dependencies: ["HafsVizCLI"]),
        .testTarget(name: "HafsVizCoreTests", dependencies: ["HafsVizCore"]),
        .testTarget(name: "HafsVizCLITests", dependencies: ["HafsVizCLI", "hafs-viz"]),
    ],
    swiftLanguageModes: [.v6]
)
