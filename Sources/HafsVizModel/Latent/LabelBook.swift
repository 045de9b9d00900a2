// LabelBook: the user's labels in memory, their undo history, and the writer that puts every
// change in labels.csv. Each change makes a new generation; the UI says "saved" only when the
// writer reports that generation (or a later one) renamed into place.

import Foundation
import HafsVizCore
import Synchronization

public final class LabelBook {
    /// Point index → label.
    public private(set) var labels: [Int: Int]
    /// Grows with every change.
    public private(set) var generation: UInt64 = 0
    /// Each entry undoes one action: the points it changed and the labels they had.
    private var undoStack: [[(index: Int, old: Int?)]] = []
    /// How many actions can be undone.
    public var undoDepth: Int { undoStack.count }
    private let writer: LabelWriter?
    /// Why labels cannot be saved (read-only); nil when they can.
    public let readOnlyReason: String?
    /// The file as we last wrote or read it, so an outside edit is told from our own.
    private let known: Known
    public let path: String
    /// Per-class counts, kept for the generation they were counted at.
    private var countsCache: (generation: UInt64, counts: [Int: Int])?

    public final class Known: Sendable {
        let signature = Mutex<FileSignature?>(nil)
    }

    /// - Parameters:
    ///   - initial: the labels read from the file.
    ///   - signature: the file's signature when it was read.
    ///   - write: puts the file's bytes in place (default: atomically at `path`).
    ///   - onSaved: runs on the writer's thread after each write (wake the window).
    public init(
        path: String, initial: [Int: Int], signature: FileSignature?, readOnlyReason: String?,
        write: (@Sendable (Data) throws -> Void)? = nil, onSaved: @escaping @Sendable () -> Void = {}
    ) {
        self.path = path
        labels = initial
        self.readOnlyReason = readOnlyReason
        let known = Known()
        known.signature.withLock { $0 = signature }
        self.known = known
        writer =
            readOnlyReason == nil
            ? LabelWriter(
                path: path,
                onSaved: { _, failure in
                    if failure == nil { known.signature.withLock { $0 = FileSignature(path: path) } }
                    onSaved()
                }, write: write) : nil
    }

    public var canWrite: Bool { writer != nil }

    /// labels.csv is there: it was when read, or we or someone else wrote it since.
    public var fileExists: Bool { known.signature.withLock { $0 } != nil }

    /// The newest generation on disk (renamed into place).
    public var savedGeneration: UInt64 { max(writer?.savedGeneration ?? 0, adoptedGeneration) }
    /// The generation read from the file after an outside edit: on disk without our writing it.
    private var adoptedGeneration: UInt64 = 0
    /// Everything shown is on disk.
    public var isSaved: Bool { savedGeneration >= generation }
    /// Why the last save failed; nil after a success.
    public var saveError: String? { writer?.error }

    /// Labels `indices` with `label` (nil removes their labels) as one undoable action; returns
    /// how many points changed. Nothing happens when labels cannot be saved.
    @discardableResult
    public func set(_ indices: [Int], to label: Int?) -> Int {
        guard writer != nil else { return 0 }
        var changes: [(index: Int, old: Int?)] = []
        for index in indices where labels[index] != label {
            changes.append((index, labels[index]))
            labels[index] = label
        }
        guard !changes.isEmpty else { return 0 }
        undoStack.append(changes)
        save()
        return changes.count
    }

    /// Undoes the last action; the points it changed, or nil when there is nothing to undo.
    @discardableResult
    public func undo() -> [Int]? {
        guard writer != nil, let changes = undoStack.popLast() else { return nil }
        for change in changes.reversed() { labels[change.index] = change.old }
        save()
        return changes.map(\.index)
    }

    private func save() {
        generation += 1
        writer?.save(labels, generation: generation)
    }

    /// Blocks until every change is on disk (before training starts; tests).
    public func flush() { writer?.waitUntilIdle() }

    /// labels.csv changed since we last wrote or read it (someone else wrote it): its new
    /// signature, or nil. Not asked while our own save is pending.
    public func outsideChange() -> FileSignature?? {
        guard isSaved else { return nil }
        let now = FileSignature(path: path)
        let before = known.signature.withLock { $0 }
        return now == before ? nil : .some(now)
    }

    /// Takes the labels read from the file after an outside edit. The undo history is dropped:
    /// it described a file that is gone.
    public func replace(with labels: [Int: Int], signature: FileSignature?) {
        self.labels = labels
        undoStack = []
        generation += 1
        adoptedGeneration = generation
        known.signature.withLock { $0 = signature }
    }

    /// Labelled points per class.
    public var classCounts: [Int: Int] {
        if let countsCache, countsCache.generation == generation { return countsCache.counts }
        var counts: [Int: Int] = [:]
        for label in labels.values { counts[label, default: 0] += 1 }
        countsCache = (generation, counts)
        return counts
    }
}
