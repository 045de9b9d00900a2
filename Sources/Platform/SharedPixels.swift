import CGLFW
import CX11
import Foundation

/// Pixel memory the X server shares with us (MIT-SHM): a frame drawn into it is put into the
/// window without sending its pixels through the socket, which for a 1600 × 1000 frame is
/// ~2 ms of a Runs frame. Only for a server on this machine; made once per frame size and
/// reused frame after frame (one made and put for a single frame costs more than it saves).
@MainActor
public final class SharedPixels {
    /// The segment's memory: `width` × `height` 32-bit pixels.
    public let memory: UnsafeMutableRawPointer
    public let width: Int
    public let height: Int
    var segment: XShmSegmentInfo
    private let display: OpaquePointer

    /// Attaches a new segment of `width` × `height` pixels to `window`'s X server. Nil when the
    /// server has no MIT-SHM, is on another host, or refuses the segment.
    public init?(for window: Window, width: Int, height: Int) {
        guard width > 0, height > 0, SharedPixels.serverIsLocal, let display = glfwGetX11Display(), XShmQueryExtension(display) != 0
        else { return nil }
        let id = shmget(IPC_PRIVATE, width * height * 4, IPC_CREAT | 0o600)
        guard id >= 0 else { return nil }
        guard let address = shmat(id, nil, 0), address != UnsafeMutableRawPointer(bitPattern: -1) else {
            shmctl(id, IPC_RMID, nil)
            return nil
        }
        var info = XShmSegmentInfo()
        info.shmid = id
        info.shmaddr = address.assumingMemoryBound(to: CChar.self)
        info.readOnly = 0
        // The server reports a refused segment as an error event: caught here, not fatal.
        XSync(display, 0)
        attachFailed = false
        let previous = XSetErrorHandler { _, _ in
            attachFailed = true
            return 0
        }
        let attached = XShmAttach(display, &info)
        XSync(display, 0)
        XSetErrorHandler(previous)
        // Removed now, freed once both sides have detached (or this process ends).
        shmctl(id, IPC_RMID, nil)
        guard attached != 0, !attachFailed else {
            shmdt(address)
            return nil
        }
        self.display = display
        self.width = width
        self.height = height
        memory = address
        segment = info
    }

    isolated deinit {
        XShmDetach(display, &segment)
        XSync(display, 0)
        shmdt(memory)
    }

    /// True when `DISPLAY` names this machine's server.
    nonisolated static var serverIsLocal: Bool {
        let display = ProcessInfo.processInfo.environment["DISPLAY"]
        return display != nil && !Drawing.isRemote(display: display)
    }
}

/// Set by the error handler while a segment is being attached (main thread only).
nonisolated(unsafe) private var attachFailed = false
