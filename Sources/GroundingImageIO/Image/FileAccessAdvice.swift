import Glibc

/// What to do about a file or folder that cannot be opened, read or written, by the reason the
/// system gave (its `errno`): the advice fits the cause, so a loop of symbolic links or a path
/// too long for the system is not sent to check its permissions, nor a full disk to check a
/// folder's.
///
/// ```swift
/// FileAccessAdvice.reading(ELOOP)   // "the path goes round a loop of symbolic links ..."
/// FileAccessAdvice.reading(reason: String(cString: strerror(EACCES)))   // "check its permissions, ..."
/// FileAccessAdvice.writing(ENOSPC)  // "the disk is full; ..."
/// ```
package enum FileAccessAdvice {
    /// What to do when a path cannot be opened, looked at or read for the reason `code`;
    /// `file` names what the path should lead to, for a link's advice.
    package static func reading(_ code: Int32, file: String = "image") -> String {
        switch code {
        case EACCES, EPERM:
            "check its permissions, and those of the folders above it"
        case ELOOP:
            "the path goes round a loop of symbolic links (or through more than 40 of them); point the link at the \(file) itself"
        case ENAMETOOLONG:
            "the path is longer than the system allows (255 bytes a name, 4096 a path); rename it, or give a shorter path from a folder nearer to it"
        case ENOTDIR:
            "a part of the path that should be a folder is a file; check the path"
        case ENOENT:
            "it was removed or renamed meanwhile; check the path"
        case EIO:
            "the disk or file system failed to read it; check the disk (`dmesg`), or copy the image from elsewhere"
        case EMFILE, ENFILE:
            "too many files are open at once; raise the limit (`ulimit -n`) and run again"
        case ENOMEM:
            "the system is out of memory; run again when more is free"
        case ESTALE:
            "the network file system lost track of it; run again, or remount it"
        case EAGAIN, EBUSY, ETXTBSY, EINTR:
            "another program holds it; try again"
        default:
            "check the path, and that the file and its folder can be read"
        }
    }

    /// ``reading(_:)`` for a reason given as `strerror` words it (as ``ImageError/unreadable(path:reason:)``
    /// holds it); the general advice for any other reason.
    package static func reading(reason: String, file: String = "image") -> String {
        reading(known.first { String(cString: strerror($0)) == reason } ?? 0, file: file)
    }

    /// What to do when a file cannot be created, written or put in place for the reason `code`.
    package static func writing(_ code: Int32) -> String {
        switch code {
        case ENOSPC:
            "the disk is full; free some space, or write to another disk"
        case EDQUOT:
            "your disk quota is used up; free some space, or write elsewhere"
        case EFBIG:
            "the file would be larger than this process may write (`ulimit -f`) or the file system holds; raise the limit, or write elsewhere"
        case EROFS:
            "the file system is mounted read-only; write elsewhere"
        case EACCES, EPERM:
            "check the folder's permissions"
        case EIO:
            "the disk failed while writing; check it (`dmesg`), or write elsewhere"
        case ENAMETOOLONG:
            "the path is longer than the system allows (255 bytes a name, 4096 a path); give a shorter one"
        case ELOOP:
            "the path goes round a loop of symbolic links; point the link at a file"
        case EMFILE, ENFILE:
            "too many files are open at once; raise the limit (`ulimit -n`) and run again"
        default:
            "check the folder's permissions and free space"
        }
    }

    /// The reasons ``reading(_:)`` has advice of their own for.
    private static let known: [Int32] = [EACCES, EPERM, ELOOP, ENAMETOOLONG, ENOTDIR, ENOENT, EIO, EMFILE, ENFILE, ENOMEM,
                                         ESTALE, EAGAIN, EBUSY, ETXTBSY, EINTR]
}
