import Platform
import Testing

@Suite("llvmpipe thread count")
struct SoftwareRasterizerTests {
    @Test("small machines get twice their cores; a user's LP_NUM_THREADS and bigger machines are left alone")
    func threadCount() {
        #expect(SoftwareRasterizer.threadCount(cores: 1, current: nil) == "2")
        #expect(SoftwareRasterizer.threadCount(cores: 2, current: nil) == "4")
        #expect(SoftwareRasterizer.threadCount(cores: 3, current: nil) == "6")
        #expect(SoftwareRasterizer.threadCount(cores: 4, current: nil) == nil)
        #expect(SoftwareRasterizer.threadCount(cores: 64, current: nil) == nil)
        #expect(SoftwareRasterizer.threadCount(cores: 2, current: "1") == nil)
        #expect(SoftwareRasterizer.threadCount(cores: 2, current: "") == nil)
    }
}
