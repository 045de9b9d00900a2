import Platform
import Testing

@Suite("choosing GL or the CPU")
struct DrawingChoiceTests {
    let gpu = ["/dev/dri/card0", "/dev/dri/renderD128"]

    @Test("a machine with a GPU device and a local display draws with GL; one without draws on the CPU")
    func devices() {
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0"], gpuDevices: gpu) == .openGL)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0"], gpuDevices: ["/dev/nvidia0"]) == .openGL)
        #expect(Drawing.preferred(environment: ["DISPLAY": "unix:1"], gpuDevices: gpu) == .openGL)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":99"], gpuDevices: []) == .cpu)
    }

    @Test("X forwarded from another host, or Mesa told to use software, means the CPU even with a GPU here")
    func softwareAnyway() {
        #expect(Drawing.preferred(environment: ["DISPLAY": "localhost:10.0"], gpuDevices: gpu) == .cpu)
        #expect(Drawing.preferred(environment: ["DISPLAY": "workstation:0"], gpuDevices: gpu) == .cpu)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0", "LIBGL_ALWAYS_SOFTWARE": "1"], gpuDevices: gpu) == .cpu)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0", "LIBGL_ALWAYS_SOFTWARE": "0"], gpuDevices: gpu) == .openGL)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0", "GALLIUM_DRIVER": "llvmpipe"], gpuDevices: gpu) == .cpu)
        #expect(Drawing.preferred(environment: ["DISPLAY": ":0", "GALLIUM_DRIVER": "radeonsi"], gpuDevices: gpu) == .openGL)
    }

    @Test("HAFS_VIZ_RENDERER overrides the choice both ways; an unknown value is ignored")
    func override() {
        #expect(Drawing.preferred(environment: ["HAFS_VIZ_RENDERER": "gl"], gpuDevices: []) == .openGL)
        #expect(Drawing.preferred(environment: ["HAFS_VIZ_RENDERER": "CPU"], gpuDevices: gpu) == .cpu)
        #expect(Drawing.preferred(environment: ["HAFS_VIZ_RENDERER": "vulkan", "DISPLAY": ":0"], gpuDevices: gpu) == .openGL)
    }

    @Test("a DISPLAY is remote when it names another host")
    func remoteDisplay() {
        #expect(!Drawing.isRemote(display: ":0"))
        #expect(!Drawing.isRemote(display: ":1.0"))
        #expect(!Drawing.isRemote(display: "unix:2"))
        #expect(!Drawing.isRemote(display: nil))
        #expect(Drawing.isRemote(display: "localhost:10.0"))
        #expect(Drawing.isRemote(display: "[::1]:0"))
    }
}
