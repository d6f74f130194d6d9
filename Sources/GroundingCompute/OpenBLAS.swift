import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Matrix multiplication on OpenBLAS, opened at run time so that its kernel can be chosen first.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent AVX-512 CPUs and silently falls back to a
/// generic kernel several times slower; it fixes its kernel when it loads, from
/// `OPENBLAS_CORETYPE`. So Grounding does not link OpenBLAS: on first use it honours
/// `OPENBLAS_CORETYPE` if the environment sets it, otherwise sets it from the CPU's features,
/// and only then opens `libopenblas.so.0`.
///
/// ```swift
/// try BLAS.load()
/// print(BLAS.coreName, BLAS.coreSelection)   // "SkylakeX", detected from CPU features
/// BLAS.threadCount = 2
/// ```
public enum BLAS {
    /// Opens OpenBLAS if that has not happened yet; throws ``BLASError`` when it cannot.
    public static func load() throws(BLASError) {
        _ = try library.get()
    }

    /// The name of the kernel OpenBLAS runs, e.g. `"SkylakeX"` (`"unavailable"` if it cannot load).
    public static var coreName: String {
        (try? library.get())?.string(from: \.getCoreName) ?? "unavailable"
    }

    /// OpenBLAS's build configuration string (`"unavailable"` if it cannot load).
    public static var config: String {
        (try? library.get())?.string(from: \.getConfig) ?? "unavailable"
    }

    /// How the kernel was chosen (`nil` if OpenBLAS cannot load).
    public static var coreSelection: BLASCoreSelection? {
        try? library.get().selection
    }

    /// The number of threads OpenBLAS uses for one call (process-wide); 0 if it cannot load.
    public static var threadCount: Int {
        get { (try? library.get()).map { Int($0.getThreads()) } ?? 0 }
        set {
            guard let library = try? library.get() else { return }
            library.setThreads(Int32(clamping: max(1, newValue)))
        }
    }

    /// `C = alpha · op(A) · op(B) + beta · C` on row-major matrices (`cblas_sgemm`).
    ///
    /// `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`; `lda`, `ldb`, `ldc` are row strides.
    /// Call ``load()`` first: this precondition-fails if OpenBLAS is not loaded.
    public static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard let library = try? library.get() else { preconditionFailure("BLAS.sgemm before a successful BLAS.load()") }
        library.sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                      beta, c, blasint(ldc))
    }

    /// `y += alpha · x` over `n` consecutive floats (`cblas_saxpy`): OpenBLAS picks its vector
    /// width and fused multiply-add at run time, which code built for baseline x86-64 cannot.
    /// Call ``load()`` first: this precondition-fails if OpenBLAS is not loaded.
    public static func saxpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        guard let library = try? library.get() else { preconditionFailure("BLAS.saxpy before a successful BLAS.load()") }
        library.saxpy(blasint(n), alpha, x, 1, y, 1)
    }

    /// Loaded once, on first use (Swift initialises static lets exactly once, thread-safely).
    private static let library: Result<OpenBLASLibrary, BLASError> = Result { () throws(BLASError) in
        try OpenBLASLibrary.open()
    }
}

/// How the OpenBLAS kernel was chosen.
///
/// ```swift
/// if case .detected(let core)? = BLAS.coreSelection { print("chose", core) }
/// ```
public enum BLASCoreSelection: Sendable, Equatable, CustomStringConvertible {
    /// `OPENBLAS_CORETYPE` was already set in the environment and was honoured.
    case environment(String)
    /// Grounding set `OPENBLAS_CORETYPE` from the CPU's features.
    case detected(String)
    /// The CPU has neither AVX-512 nor AVX2+FMA: OpenBLAS chose on its own.
    case libraryDefault
    /// OpenBLAS was already loaded by the host process, so its kernel was fixed before Grounding
    /// could choose; ``BLAS/coreName`` says which it runs.
    case alreadyLoaded

    /// A phrase for `ground info`.
    public var description: String {
        switch self {
        case .environment(let core): return "OPENBLAS_CORETYPE=\(core) from the environment"
        case .detected(let core): return "OPENBLAS_CORETYPE=\(core) detected from CPU features"
        case .libraryDefault: return "chosen by OpenBLAS (no AVX2/AVX-512 detected)"
        case .alreadyLoaded: return "fixed by the host process, which loaded OpenBLAS first"
        }
    }
}

/// Why OpenBLAS could not be used.
///
/// ```swift
/// do { try BLAS.load() } catch { print(error) }  // says to apt-get install libopenblas-dev
/// ```
public enum BLASError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dlopen` failed; the associated value is its message.
    case libraryNotFound(String)
    /// The library lacks a function Grounding needs.
    case missingSymbol(String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .libraryNotFound(let message):
            return "cannot open OpenBLAS (libopenblas.so.0): \(message); install it with `apt-get install libopenblas-dev`"
        case .missingSymbol(let name):
            return "libopenblas.so.0 has no symbol \(name); install OpenBLAS 0.3 or later with `apt-get install libopenblas-dev`"
        }
    }
}

/// The dlopen'ed library and the functions resolved from it, typed by the shim's typedefs.
///
/// `@unchecked Sendable`: every field is set once in ``open()`` and never changes; the handle is
/// kept open for the life of the process.
private struct OpenBLASLibrary: @unchecked Sendable {
    let sgemm: grounding_cblas_sgemm_fn
    let saxpy: grounding_cblas_saxpy_fn
    let setThreads: grounding_openblas_set_num_threads_fn
    let getThreads: grounding_openblas_get_num_threads_fn
    let getCoreName: grounding_openblas_get_corename_fn
    let getConfig: grounding_openblas_get_config_fn
    let selection: BLASCoreSelection

    static let soname = "libopenblas.so.0"

    /// Calls one of OpenBLAS's string getters (which return static strings, never to be freed).
    func string(from getter: KeyPath<OpenBLASLibrary, grounding_openblas_get_corename_fn>) -> String {
        self[keyPath: getter]().map { String(cString: $0) } ?? "unknown"
    }

    static func open() throws(BLASError) -> OpenBLASLibrary {
        let selection = chooseCore()
        guard let handle = openWithoutThreadPool() else {
            throw .libraryNotFound(dlerror().map { String(cString: $0) } ?? "unknown dlopen error")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(BLASError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .missingSymbol(name) }
            return unsafeBitCast(pointer, to: type)
        }
        return OpenBLASLibrary(
            sgemm: try symbol("cblas_sgemm", as: grounding_cblas_sgemm_fn.self),
            saxpy: try symbol("cblas_saxpy", as: grounding_cblas_saxpy_fn.self),
            setThreads: try symbol("openblas_set_num_threads", as: grounding_openblas_set_num_threads_fn.self),
            getThreads: try symbol("openblas_get_num_threads", as: grounding_openblas_get_num_threads_fn.self),
            getCoreName: try symbol("openblas_get_corename", as: grounding_openblas_get_corename_fn.self),
            getConfig: try symbol("openblas_get_config", as: grounding_openblas_get_config_fn.self),
            selection: selection)
    }

    /// Opens OpenBLAS with `OPENBLAS_NUM_THREADS=1` for the time it loads, then puts the variable
    /// back as it was. Grounding runs it on one thread anyway (``ComputeBackend/prepare()``), but
    /// a library loaded for more starts a thread per core that spins for its first ~0.1 s: on two
    /// cores, beside a `ground` call's model loading and first pass.
    private static func openWithoutThreadPool() -> UnsafeMutableRawPointer? {
        let previous = getenv("OPENBLAS_NUM_THREADS").map { String(cString: $0) }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        defer {
            if let previous { setenv("OPENBLAS_NUM_THREADS", previous, 1) } else { unsetenv("OPENBLAS_NUM_THREADS") }
        }
        return dlopen(soname, RTLD_NOW | RTLD_LOCAL)
    }

    /// Sets `OPENBLAS_CORETYPE` unless the environment already does, or unless some OpenBLAS is
    /// already in the process (then the variable would be ignored, and claiming otherwise would lie).
    private static func chooseCore() -> BLASCoreSelection {
        if dlopen(soname, RTLD_NOW | RTLD_NOLOAD) != nil || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_corename") != nil {
            return .alreadyLoaded
        }
        if let value = getenv("OPENBLAS_CORETYPE") {
            return .environment(String(cString: value))
        }
        guard let core = CPUFeatures.current.openBLASCoreType else { return .libraryDefault }
        setenv("OPENBLAS_CORETYPE", core, 0)
        return .detected(core)
    }
}
