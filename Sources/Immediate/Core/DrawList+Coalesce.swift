// DrawList: fewer commands for the same pixels.
//
// A panel interleaves fills and text (background, title, frame, labels…), and each switch of
// texture starts a command. Under llvmpipe every draw call costs tens of microseconds of state
// validation and setup on the calling thread: the Runs grid's 119 commands took 6 ms to submit.
// Most of those switches need not be there: a fill that overlaps no text drawn since the last
// fill can be drawn with that fill. `coalesce` moves such commands back, so the GPU (or llvmpipe)
// sees one draw where it saw several, and blending gives the same pixels because only draws that
// do not overlap change order.

extension DrawList {
    /// How many earlier groups a command looks back through for one to join. Bounds the work on
    /// lists of thousands of commands; panels need a handful.
    static let coalesceLookBack = 32

    /// Draws each command with the nearest earlier command of the same clip and texture when
    /// nothing drawn between the two overlaps it, so the list holds fewer commands. Pixels stay
    /// the same: commands trade places only with commands they do not overlap, and the triangles
    /// of one command keep their order. Commands that draw nothing are dropped.
    public mutating func coalesce() {
        guard commands.count > 2 else { return }
        var groups: [CommandGroup] = []
        groups.reserveCapacity(commands.count)
        var changed = false
        for (index, command) in commands.enumerated() {
            let bounds = self.bounds(of: command)
            if bounds.isEmpty {
                changed = true
                continue
            }
            var target: Int?
            var candidate = groups.count - 1
            let lowest = Swift.max(0, groups.count - DrawList.coalesceLookBack)
            while candidate >= lowest {
                let group = groups[candidate]
                if group.clip == command.clip, group.texture == command.texture {
                    target = candidate
                    break
                }
                if group.bounds.intersects(bounds) { break }
                candidate -= 1
            }
            if let target {
                groups[target].members.append(index)
                groups[target].bounds = groups[target].bounds.union(bounds)
                changed = true
            } else {
                groups.append(CommandGroup(clip: command.clip, texture: command.texture, bounds: bounds, members: [index]))
            }
        }
        guard changed else { return }
        var reordered: [UInt32] = []
        reordered.reserveCapacity(indices.count)
        var merged: [DrawCommand] = []
        merged.reserveCapacity(groups.count)
        for group in groups {
            let offset = reordered.count
            for member in group.members {
                let command = commands[member]
                reordered.append(contentsOf: indices[command.indexOffset..<(command.indexOffset + command.indexCount)])
            }
            merged.append(DrawCommand(clip: group.clip, texture: group.texture, indexOffset: offset, indexCount: reordered.count - offset))
        }
        indices = reordered
        commands = merged
    }

    /// The pixels a command can touch: its triangles' bounding box within its clip, widened to
    /// whole pixels as the scissor is. Empty when it draws nothing.
    func bounds(of command: DrawCommand) -> Rect {
        guard command.indexCount > 0 else { return Rect(min: .zero, max: .zero) }
        var low = Vec2(Float.infinity, Float.infinity)
        var high = Vec2(-Float.infinity, -Float.infinity)
        vertices.withUnsafeBufferPointer { vertices in
            indices.withUnsafeBufferPointer { indices in
                for position in command.indexOffset..<(command.indexOffset + command.indexCount) {
                    let point = vertices[Int(indices[position])].position
                    low = pointwiseMin(low, point)
                    high = pointwiseMax(high, point)
                }
            }
        }
        let clip = Rect(min: command.clip.min.rounded(.down), max: command.clip.max.rounded(.up))
        return Rect(min: low.rounded(.down), max: high.rounded(.up)).intersection(clip)
    }
}

/// Commands drawn together by `DrawList.coalesce`, in their original order.
private struct CommandGroup {
    var clip: Rect
    var texture: TextureID
    /// The union of the members' `DrawList.bounds(of:)`.
    var bounds: Rect
    var members: [Int]
}

extension Rect {
    /// The smallest rect holding both.
    func union(_ other: Rect) -> Rect {
        Rect(min: pointwiseMin(min, other.min), max: pointwiseMax(max, other.max))
    }
}
