#!/usr/bin/env bash
# Builds the harness and the `ground` CLI in release and runs every stage (or the ones named)
# with its peers, writing Benchmarks/results/latest.json.
#   Benchmarks/run.sh [STAGE ...] [--compare OLD.json] [--threshold 0.10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "${GROUNDING_PEERS_PYTHON:-}" ] || "$here/peers/setup.sh"
swift build -c release --package-path "$here/.." --product ground          # for the `folder` stage
swift build -c release --package-path "$here" --product grounding-bench
exec "$here/.build/release/grounding-bench" --json "$here/results/latest.json" "$@"
