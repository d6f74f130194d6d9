import Glibc

/// What a path names in the file system: a regular file, a folder, or something that is not a
/// file at all (a named pipe, a device, a socket).
///
/// Asking never opens the path, so it cannot block: opening a named pipe to read waits for a
/// writer, possibly forever. Use it to skip what is not a regular file when scanning folders.
///
/// ```swift
/// if FileKind(atPath: "/dev/zero") == .characterDevice { print("not an image") }
/// let images = names.filter { FileKind(atPath: $0) == .regularFile }
/// ```
public enum FileKind: Sendable, Hashable, CustomStringConvertible {
    /// A regular file: the only kind images are read from and written to.
    case regularFile
    /// A folder.
    case directory
    /// A named pipe (FIFO): reading it waits for a writer and yields a stream, not a file.
    case namedPipe
    /// A character device such as `/dev/zero` or a terminal.
    case characterDevice
    /// A block device such as a disk.
    case blockDevice
    /// A Unix-domain socket.
    case socket

    /// The kind of what `path` names, following symbolic links (`stat`, no `open`); `nil` when
    /// nothing is there, a link dangles, or the path cannot be looked at.
    public init?(atPath path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(mode: status.st_mode)
    }

    /// The kind encoded in `st_mode`'s file-type bits; `nil` for a symbolic link (only `lstat`
    /// reports those).
    package init?(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .namedPipe
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: return nil
        }
    }

    /// The kind with its article, for messages: "a named pipe (FIFO)".
    public var description: String {
        switch self {
        case .regularFile: "a regular file"
        case .directory: "a directory"
        case .namedPipe: "a named pipe (FIFO)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        }
    }
}
