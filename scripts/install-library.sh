#!/usr/bin/env bash
# Installs the C library built in BUILD_DIR into PREFIX: lib/libgrounding.so, include/grounding.h
# and lib/pkgconfig/grounding.pc (`make install PREFIX=...` builds it first, then runs this).
#   scripts/install-library.sh PREFIX BUILD_DIR
set -euo pipefail

prefix=${1:?usage: scripts/install-library.sh PREFIX BUILD_DIR}
build=${2:?usage: scripts/install-library.sh PREFIX BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
library="$build/libgrounding.so"
[ -f "$library" ] || { echo "error: $library is missing; build it with \`swift build -c release --product grounding\`" >&2; exit 1; }
prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' "$root/Sources/GroundingCore/Engine/GroundingVersion.swift")

install -d "$prefix/lib/pkgconfig" "$prefix/include"
install -m 755 "$library" "$prefix/lib/libgrounding.so"
install -m 644 "$root/Sources/GroundingC/include/grounding.h" "$prefix/include/grounding.h"
# The rpath lets programs linked from a prefix outside the loader's paths find the library; the
# library itself finds the Swift runtime through its own RUNPATH (the toolchain's lib directory).
cat > "$prefix/lib/pkgconfig/grounding.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: grounding
Description: Find, point at and count objects in photos (Grounding's C ABI)
Version: $version
Libs: -L\${libdir} -lgrounding -Wl,-rpath,\${libdir}
Cflags: -I\${includedir}
PC
echo "installed libgrounding $version into $prefix (pkg-config: PKG_CONFIG_PATH=$prefix/lib/pkgconfig)"
