import Foundation
import HafsVizCLI

exit(HafsVizMain.run(Array(CommandLine.arguments.dropFirst())))
