import Foundation
import PackagePlugin

/// Embeds every file of the top-level `Shaders/` folder into the target as a Swift string table
/// (`EmbeddedShaders.sources`), so the binary needs no shader files at run time and works from any
/// working directory. Editing a shader rebuilds the table.
@main
struct EmbedShaders: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let shaders = context.package.directoryURL.appending(path: "Shaders")
        let files = try FileManager.default.contentsOfDirectory(at: shaders, includingPropertiesForKeys: nil)
            .filter { ["vert", "frag", "glsl"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedShaders.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) shaders",
                executable: try context.tool(named: "embed-shaders").url,
                // The tool lists the folder itself, so a shader added since this plan was made is
                // still embedded when the folder's change triggers the command.
                arguments: [output.path, shaders.path],
                // The folder too: adding a shader changes its modification time.
                inputFiles: files + [shaders],
                outputFiles: [output])
        ]
    }
}
