import Testing
import Grounding
#if canImport(Glibc)
import Glibc
#endif

@Suite struct BLASTests {
    @Test func coreTypeFollowsTheCPUFeatures() {
        let skylake = CPUFeatures(cpuinfo: "processor : 0\nflags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512bw avx512vl\nbugs : none\n")
        #expect(skylake.openBLASCoreType == "SkylakeX")
        #expect(CPUFeatures(flags: ["avx2", "fma", "avx512f"]).openBLASCoreType == "Haswell")
        #expect(CPUFeatures(flags: ["sse2", "avx"]).openBLASCoreType == nil)
        #expect(CPUFeatures(cpuinfo: "no flags line here").flags.isEmpty)
    }

    @Test func loadsAndReportsHowTheCoreWasChosen() throws {
        try BLAS.load()
        #expect(BLAS.coreName != "unavailable" && !BLAS.coreName.isEmpty)
        #expect(BLAS.config.contains("OpenBLAS"))
        // Loading never overrides the environment: afterwards the variable holds the core that
        // the selection reports (set by Grounding only when it was detected).
        let variable = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        switch try #require(BLAS.coreSelection) {
        case .environment(let core), .detected(let core): #expect(variable == core)
        case .libraryDefault: #expect(variable == nil)
        case .alreadyLoaded: break
        }
        let saved = BLAS.threadCount
        BLAS.threadCount = 1
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = saved
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func sgemmMatchesNaiveLoops(transposeA: Bool, transposeB: Bool) throws {
        try BLAS.load()
        let (m, n, k) = (5, 7, 3)
        var random = SeededGenerator(state: 11)
        // Stored with one spare column per row, so the leading dimensions are exercised too.
        let (lda, ldb, ldc) = ((transposeA ? m : k) + 1, (transposeB ? k : n) + 1, n + 1)
        let a = random.floats((transposeA ? k : m) * lda, in: -1...1)
        let b = random.floats((transposeB ? n : k) * ldb, in: -1...1)
        var c = random.floats(m * ldc, in: -1...1)
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    sum += (transposeA ? a[p * lda + i] : a[i * lda + p]) * (transposeB ? b[j * ldb + p] : b[p * ldb + j])
                }
                expected[i * ldc + j] = 2 * sum + 0.5 * c[i * ldc + j]
            }
        }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 2,
                               a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb, beta: 0.5, c: c.baseAddress!, ldc: ldc)
                }
            }
        }
        #expect(zip(c, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}
