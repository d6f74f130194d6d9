import Foundation
import Grounding

/// Stage `decode`: TurboJPEG full and DCT-downscaled decoding of a 12-megapixel JPEG against
/// OpenCV's `cv2.imdecode` on the same bytes, plus a byte-for-byte parity check with `cv2.imread`
/// on test photos (JPEG and PNG).
func decodeBenchmark() throws {
    let photos = ["kite.jpg", "dog.jpg", "horses.jpg", "person.jpg", "astronaut.png", "coins.png"].map(Repository.photo)
    let folder = try TemporaryFolder("decode")
    defer { folder.remove() }
    let directory = folder.url
    let path = folder.path("kite-12mp.jpg")
    let jpeg = try BenchmarkImages.twelveMegapixel(to: path)
    print("\ndecode input: \(path), kite.jpg stretched bilinearly to 4032×3024, JPEG quality 92 4:2:0, \(jpeg.count) bytes")

    var detector = DecodeOptions()
    detector.minimumLongSide = 416
    let iterations = 15
    let scaled = try ImageDecoder.decode(jpeg, name: path, options: detector).image
    let stored = try ImageDecoder.decode(jpeg, name: path).image
    let megapixels = 4032.0 * 3024 / 1e6
    let best = try bestOfRounds(3) {
        let full = try measure("ours full 4032×3024", iterations: iterations) {
            _ = try ImageDecoder.decode(jpeg, name: path)
        }
        let downscaled = try measure("ours minimumLongSide 416 → \(scaled.width)×\(scaled.height)", iterations: iterations) {
            _ = try ImageDecoder.decode(jpeg, name: path, options: detector)
        }
        let orient = measure("ours ExifOrientation.right on 4032×3024", iterations: iterations) {
            _ = ExifOrientation.right.applied(to: stored)
        }
        // The peer prints [cv2.imdecode full, cv2.imdecode IMREAD_REDUCED_COLOR_8, cv2.rotate 90°].
        let peers = try runPeer("decode_peers.py", arguments: [path, "\(iterations)", directory.path] + photos)
        return ([full, downscaled, orient] + peers).map { $0.per(megapixels, "MP") }
    }
    Comparison.printTable("decode (12 MP JPEG, one thread, best of 3 alternating rounds)", [
        Comparison(ours: best[0], peer: best[3]),
        Comparison(ours: best[1], peer: best[3]),
        Comparison(ours: best[1], peer: best[4]),
        Comparison(ours: best[2], peer: best[5]),
    ])

    print("\nparity with cv2.imread (full decode, RGB bytes):")
    for photo in [path] + photos {
        let name = URL(fileURLWithPath: photo).lastPathComponent
        let ours = try ImageDecoder.decode(contentsOf: photo).image
        let theirs = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name + ".rgb")))
        let differing = zip(ours.pixels, theirs).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        let verdict = ours.pixels.count == theirs.count && differing == 0 ? "identical" : "DIFFERENT (\(differing) bytes)"
        print("  \(name): \(ours.width)×\(ours.height), \(verdict)")
    }
}
