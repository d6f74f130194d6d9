#!/usr/bin/env bash
# Builds the harness and the `ground` CLI in release and runs every stage (or the ones named)
# with its peers, writing Benchmarks/results/latest.json.
#   Benchmarks/run.sh [STAGE ...] [--compare OLD.json] [--threshold 0.10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "${GROUNDING_PEERS_PYTHON:-}" ] || "$here/peers/setup.sh"
# An incremental release build can keep an executable's objects compiled against the old layout
# of a library type that has changed since (seen as crashes: a struct gained a stored property),
# and this package's cached build plan can miss source files added to Grounding. Both executables
# are small: drop their objects and the plans so they are always built against today's sources.
rm -rf "$here/.."/.build/*/release/ground.build "$here"/.build/*/release/grounding_bench.build \
       "$here"/.build/*/release/grounding-bench.build
rm -f "$here/.."/.build/*/release/description.json "$here"/.build/*/release/description.json
swift build -c release --package-path "$here/.." --product ground          # for the `folder` stage
swift build -c release --package-path "$here" --product grounding-bench
exec "$here/.build/release/grounding-bench" --json "$here/results/latest.json" "$@"
