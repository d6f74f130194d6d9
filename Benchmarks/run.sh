#!/usr/bin/env bash
# Builds the harness in release and runs every stage (or the ones named) with its peers.
#   Benchmarks/run.sh [STAGE ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "${GROUNDING_PEERS_PYTHON:-}" ] || "$here/peers/setup.sh"
swift build -c release --package-path "$here" --product grounding-bench
"$here/.build/release/grounding-bench" "$@"
