import Foundation
import Testing
import Grounding

/// The C ABI end to end: `libgrounding.so` (built beside this test bundle) installed into a
/// prefix in the build folder by `scripts/install-library.sh`, `Tests/C/grounding_threads.c`
/// compiled with `cc` and the flags `pkg-config` gives for that prefix, then run on several
/// threads and under valgrind.
@Suite(.serialized) struct CABITests {
    /// The build folder this test bundle (and the library product) sits in.
    static let buildDirectory: URL = {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .flatMap { [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("libgrounding.so").path) }
            ?? candidates[0]
    }()

    /// A request for several names in bbox mode, untiled (the image's bytes go beside it).
    static let namesRequest = #"{"queries": ["dog", "bicycle", "truck", "horse", "person"], "mode": "bbox", "options": {"tiling": "off"}}"#

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files: valgrind writes more to stderr than a pipe holds.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("grounding-cabi-run-\(UUID().uuidString)")
        let outURL = capture.appendingPathExtension("out"), errURL = capture.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                   stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The installed prefix and the C program compiled against it, once per test run.
    static let program: Result<String, any Error> = Result {
        // In the build folder, replaced on each run: a folder in the system's temporary one
        // would be left behind by every run (a static has no end to clean up at).
        let work = buildDirectory.appendingPathComponent("cabi-test")
        try? FileManager.default.removeItem(at: work)
        let prefix = work.appendingPathComponent("prefix").path
        let install = try run("/usr/bin/env", ["bash", "scripts/install-library.sh", prefix, buildDirectory.path])
        guard install.status == 0 else { throw Failure("install-library.sh: \(install.stderr)") }
        let flags = try run("/usr/bin/env", ["pkg-config", "--cflags", "--libs", "grounding"],
                            environment: ["PKG_CONFIG_PATH": prefix + "/lib/pkgconfig"])
        guard flags.status == 0 else { throw Failure("pkg-config: \(flags.stderr)") }
        let binary = work.appendingPathComponent("grounding_threads").path
        let compile = try run("/usr/bin/env", ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-O1", "-g",
                                                "Tests/C/grounding_threads.c", "-o", binary, "-lpthread"]
                              + flags.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
        guard compile.status == 0 else { throw Failure("cc: \(compile.stderr)") }
        return binary
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func threadsGetTheSwiftAPIsAnswers() throws {
        let photos = ["dog.jpg", "horses.jpg"]
        let run = try Self.run(try Self.program.get(),
                               [TestSupport.modelDirectory, "4", "2", Self.namesRequest] + photos.map(TestSupport.testImage))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == photos.count)
        let engine = try TestSupport.engine()
        var options = GroundingOptions()
        options.tiling = .off
        for (line, photo) in zip(lines, photos) {
            let printed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let answer = try #require(printed["result"] as? [String: Any])
            let result = try engine.ground(contentsOf: TestSupport.testImage(photo),
                                           objects: ["dog", "bicycle", "truck", "horse", "person"], mode: .bbox, options: options)
            #expect(result.objects.contains { $0.count > 0 })
            var expected = try #require(try JSONSerialization.jsonObject(with: Data(result.nativeJSON().serialized().utf8)) as? [String: Any])
            expected["timing_ms"] = nil
            // Bytes passed beside the request have no path.
            var image = try #require(expected["image"] as? [String: Any])
            image["path"] = nil
            expected["image"] = image
            #expect(NSDictionary(dictionary: answer) == NSDictionary(dictionary: expected), "\(photo)")
        }
    }

    @Test func noDefiniteLeaksUnderValgrind() throws {
        // Small on purpose (valgrind runs ~50 times slower): one exemplar request on two threads,
        // plus the error paths grounding_threads always checks.
        let request = #"{"queries": [{"exemplar": [[193, 29, 239, 75]]}], "mode": "count"}"#
        // Debian's valgrind (3.19) decodes no AVX-512 instruction: on a CPU that has them,
        // OpenBLAS's SkylakeX kernel and our own AVX-512 kernels stop the program with SIGILL under
        // it. OpenBLAS's Haswell (AVX2) kernel and our AVX2 and Swift paths compute the same, and
        // valgrind runs them.
        let kernel = CPUFeatures.current.openBLASCoreType == "SkylakeX"
            ? ["OPENBLAS_CORETYPE": "Haswell", "GROUNDING_VECTOR_UNIT": "avx2"] : [:]
        let run = try Self.run("/usr/bin/env", ["valgrind", "--leak-check=full", "--errors-for-leak-kinds=definite",
                                                "--error-exitcode=3", try Self.program.get(),
                                                TestSupport.modelDirectory, "2", "1", request, TestSupport.testImage("coins.png")],
                               environment: kernel)
        #expect(run.status == 0, "\(run.stderr.suffix(4000))")
        #expect(run.stderr.contains("definitely lost: 0 bytes") || run.stderr.contains("no leaks are possible"),
                "\(run.stderr.suffix(2000))")
        let answer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let objects = (answer?["result"] as? [String: Any])?["objects"] as? [[String: Any]]
        #expect((objects?.first?["count"] as? Int ?? 0) >= 20, "coins.png holds 24 coins: \(run.stdout)")
    }

    @Test func headerStatusesAreTheErrorCodes() throws {
        let header = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Sources/GroundingC/include/grounding.h"),
                                encoding: .utf8)
        // Lines like `GROUNDING_IMAGE_TRUNCATED = 12,         /* image.truncated */`.
        var statuses: [String: Int32] = [:]
        for line in header.split(separator: "\n") where line.contains("/* ") && line.contains(" = ") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let number = Int32(parts[1].drop { $0 == " " }.prefix { $0.isNumber }),
                  let open = line.range(of: "/* "), let close = line.range(of: " */") else { continue }
            statuses[String(line[open.upperBound..<close.lowerBound])] = number
        }
        #expect(statuses.count == GroundingErrorCode.allCases.count)
        for code in GroundingErrorCode.allCases {
            #expect(statuses[code.rawValue] == code.number, "grounding.h: \(code.rawValue)")
        }
    }
}
