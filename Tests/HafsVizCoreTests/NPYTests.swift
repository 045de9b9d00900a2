import Foundation
import Testing

@testable import HafsVizCore

@Suite("npy reader")
struct NPYTests {
    struct Expected: Decodable {
        var version: Int
        var dtype: String
        var shape: [Int]
        var values: [Double?]
    }

    static let directory = TestPaths.fixture("npy")

    @Test("every file numpy wrote (header v1, v2, v3; f4, f8, i4, i8, u1; 0-d to 3-d) reads back value for value")
    func readsWhatNumpyWrote() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: NPYTests.directory + "/EXPECTED.json"))
        let expected = try JSONDecoder().decode([String: Expected].self, from: data)
        #expect(expected.count == 6)
        #expect(Set(expected.values.map(\.version)) == [1, 2, 3])
        for (name, want) in expected {
            let array = try NPYArray(path: NPYTests.directory + "/" + name)
            #expect(array.version == want.version, "\(name)")
            #expect(array.type.rawValue == want.dtype, "\(name)")
            #expect(array.shape == want.shape, "\(name)")
            #expect(array.count == want.values.count, "\(name)")
            for (index, value) in want.values.enumerated() {
                let got = array.double(index)
                if let value { #expect(got == value, "\(name)[\(index)]") } else { #expect(got.isNaN, "\(name)[\(index)] is NaN") }
            }
        }
    }

    @Test("rows, columns and images come out of the mapping in C order")
    func rowsAndColumns() throws {
        let latent = try NPYArray(path: NPYTests.directory + "/latent_f4.npy")
        #expect(latent.rows == 5 && latent.rowWidth == 2)
        #expect(latent.column(1) == (0..<5).map { latent.double($0 * 2 + 1) })
        let images = try NPYArray(path: NPYTests.directory + "/images_u1_v3.npy")
        #expect(images.bytes(ofRow: 1) == (16..<32).map(UInt8.init))
        #expect(images.row(2).first == 32)
        let ints = try NPYArray(path: NPYTests.directory + "/labels_i4.npy")
        #expect((0..<5).map { ints.int($0) } == [-2, 0, 7, 2_147_483_647, -2_147_483_648])
    }

    @Test("a file truncated under the mapping reads as zeros past its new end and says so, without a crash")
    func truncatedUnderTheMapping() throws {
        // A version 1.0 '<f8' array of 4096 × 2 (64 KiB of values) written by hand: row i is (i, -i).
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4096, 2), }"
        header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for row in 0..<4096 {
            for value in [Double(row), -Double(row)] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        }
        let directory = TemporaryDirectory()
        let path = (directory.path as NSString).appendingPathComponent("latent.npy")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let array = try NPYArray(path: path)
        #expect(array.double(4095 * 2) == 4095 && !array.wasTruncated)
        try #require(truncate(path, 8192) == 0)
        #expect(array.double(10 * 2) == 10, "the first page is still the file's")
        #expect(array.double(4095 * 2) == 0, "past the new end: zero, not SIGBUS")
        #expect(array.wasTruncated)
    }

    @Test("what it cannot read is refused with the file and the reason")
    func refusals() {
        func reason(_ name: String) -> String {
            do {
                _ = try NPYArray(path: NPYTests.directory + "/" + name)
                return "read"
            } catch let error as NPYError {
                return error.description
            } catch {
                return "\(error)"
            }
        }
        #expect(reason("bad-fortran.npy").contains("Fortran order"))
        #expect(reason("bad-object.npy").contains("dtype=object"))
        #expect(reason("bad-bigendian.npy").contains("big-endian"))
        #expect(reason("bad-complex.npy").contains("<c8"))
        #expect(
            reason("bad-truncated.npy").hasPrefix(
                "bad-truncated.npy: truncated: shape (5, 2) of <f4 needs 40 bytes of data, the file has 35"))
        #expect(reason("bad-header-cut.npy").contains("truncated"))
        #expect(reason("bad-not-npy.npy").contains("not a .npy file"))
        #expect(reason("bad-empty.npy").contains("empty file"))
        #expect(reason("no-such.npy").contains("No such file"))
    }

    @Test("headers: odd spacing, double quotes, numpy 1.x 'L' longs; bad ones say where")
    func headers() throws {
        let parsed = try NPYHeader.parse("{ \"descr\" :'<f8','fortran_order':False , 'shape':(3L, 2L),}   \n").get()
        #expect(parsed["descr"] == .string("<f8") && parsed["fortran_order"] == .bool(false) && parsed["shape"] == .tuple([3, 2]))
        #expect(try NPYHeader.parse("{'shape': (), 'fortran_order': True, 'descr': '|u1'}").get()["shape"] == .tuple([]))
        switch NPYHeader.parse("{'shape': (3, x)}") {
        case .success: Issue.record("a bad shape parsed")
        case .failure(let failure): #expect(failure.message.contains("whole number"))
        }
    }
}
