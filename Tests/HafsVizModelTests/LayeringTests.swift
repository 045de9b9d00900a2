import Foundation
import Testing

/// The model layer stays under every front end: neither it nor its tests import a UI, GL or
/// windowing module, and Package.swift declares every module a target of ours imports.
@Suite("Layering")
struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path
    static let uiModules: Set<String> = [
        "Immediate", "HafsVizApp", "Shell", "Platform", "GLRenderer", "FontRaster", "CGL", "CGLFW", "ImageIO",
    ]

    /// The modules `import`ed by the Swift files under `folder`.
    static func imports(under folder: String) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        guard let files = FileManager.default.enumerator(atPath: folder) else { return [:] }
        while let file = files.nextObject() as? String {
            guard file.hasSuffix(".swift"), let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                if words.count == 2, words[0] == "import" { found[file, default: []].insert(String(words[1])) }
            }
        }
        return found
    }

    @Test("HafsVizModel and its tests import no UI module")
    func modelIsPlatformFree() {
        for folder in ["Sources/HafsVizModel", "Tests/HafsVizModelTests", "Sources/Figures", "Sources/HafsVizCore"] {
            let imports = LayeringTests.imports(under: LayeringTests.root + "/" + folder)
            #expect(!imports.isEmpty, "\(folder) has Swift files")
            for (file, modules) in imports {
                #expect(
                    modules.isDisjoint(with: LayeringTests.uiModules),
                    "\(folder)/\(file) imports \(modules.intersection(LayeringTests.uiModules))")
            }
        }
    }

    @Test("Package.swift declares every module our targets import")
    func everyImportDeclared() throws {
        let manifest = try String(contentsOfFile: LayeringTests.root + "/Package.swift", encoding: .utf8)
        // Each target: `name: "X"` followed by its dependency list up to the closing bracket.
        let pattern = try NSRegularExpression(
            pattern:
                #"\.(?:target|executableTarget|testTarget)\(\s*name: "([^"]+)"(?:,\s*dependencies: \[([^\]]*)\])?(?:,\s*path: "([^"]+)")?"#)
        let range = NSRange(manifest.startIndex..., in: manifest)
        var checked = 0
        let system: Set<String> = [
            "Foundation", "Glibc", "Testing", "Synchronization", "Dispatch", "XCTest", "Yams", "TOMLKit", "SwiftProtobuf", "ArgumentParser",
        ]
        for match in pattern.matches(in: manifest, range: range) {
            guard let nameRange = Range(match.range(at: 1), in: manifest) else { continue }
            let name = String(manifest[nameRange])
            let dependencies = Range(match.range(at: 2), in: manifest).map { String(manifest[$0]) } ?? ""
            let declared = Set(
                dependencies.split(separator: ",").compactMap { part -> String? in
                    let text = part.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard text.hasPrefix("\"") else { return nil }
                    return text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                })
            let path = Range(match.range(at: 3), in: manifest).map { String(manifest[$0]) }
            let folder =
                path
                ?? (FileManager.default.fileExists(atPath: LayeringTests.root + "/Sources/" + name) ? "Sources/" + name : "Tests/" + name)
            for (file, modules) in LayeringTests.imports(under: LayeringTests.root + "/" + folder) {
                for module in modules.subtracting(system).subtracting(["C" + name]) where !declared.contains(module) && module != name {
                    // System-library modules come in through their target's own module map.
                    let isOurs = manifest.contains("name: \"\(module)\"")
                    #expect(!isOurs, "\(folder)/\(file) imports \(module), which \(name) does not declare")
                }
            }
            checked += 1
        }
        #expect(checked > 15, "the manifest's targets were found (\(checked))")
    }
}
