#!/usr/bin/env bash
# Times `ground count` of this checkout against the build of another commit, in alternating rounds
# with nothing else running, and prints each count's median engine time (the sum of `timing_ms`,
# decoding included) for both and their ratio. This is how issue #14's cost goal is measured: a
# 12 MP count against `--tile auto` on the build of the day the issue was filed (c3d9349).
#   Benchmarks/compare-builds.sh [--rounds N] COMMIT
# The other commit is built once, in release, in a git worktree under .build/compare/COMMIT
# (`git worktree remove .build/compare/COMMIT` removes it; `git worktree prune` forgets one whose
# folder was deleted with .build). The counts are the 12 MP crowd (the accuracy set's
# orchestra.png stretched to 4480×2682) and the 12 MP people and kites (TestImages/kite.jpg
# stretched to 4032×3024), made with the peers' Pillow as the harness's `tiled` stage makes them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=5
if [ "${1:-}" = "--rounds" ]; then rounds="$2"; shift 2; fi
[ $# -eq 1 ] || { echo "usage: $0 [--rounds N] COMMIT" >&2; exit 2; }
commit="$(git -C "$root" rev-parse --short "$1")"
other="$root/.build/compare/$commit"
if [ ! -x "$other/.build/release/ground" ]; then
    [ -d "$other" ] || git -C "$root" worktree add --detach "$other" "$commit" >/dev/null
    swift build -c release --package-path "$other" --product ground
fi
swift build -c release --package-path "$root" --product ground
[ -n "${GROUNDING_PEERS_PYTHON:-}" ] || "$root/Benchmarks/peers/setup.sh"
python="${GROUNDING_PEERS_PYTHON:-$root/Benchmarks/peers/.venv/bin/python}"
photos="$root/.build/compare/photos"
mkdir -p "$photos"
"$python" - "$root" "$photos" <<'EOF'
import pathlib, sys
from PIL import Image
root, photos = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for source, name, size in [("Benchmarks/Accuracy/photos/orchestra.png", "crowd-12mp.jpg", (4480, 2682)),
                           ("TestImages/kite.jpg", "kite-12mp.jpg", (4032, 3024))]:
    target = photos / name
    if not target.exists():
        # As the harness's tiled stage makes them (BenchmarkImages): bilinear, JPEG quality 92.
        Image.open(root / source).convert("RGB").resize(size, Image.BILINEAR).save(target, quality=92)
EOF
counts=("crowd-12mp.jpg --object person" "kite-12mp.jpg --object person,kite")
engine_ms() { "$@" --json | python3 -c "import json,sys; print(round(sum(json.loads(sys.stdin.readline())['timing_ms'].values())))"; }
declare -A times
for round in $(seq "$rounds"); do
    for build in "$commit" here; do
        binary="$root/.build/release/ground"; [ "$build" = here ] || binary="$other/.build/release/ground"
        for index in "${!counts[@]}"; do
            read -r photo arguments <<<"${counts[$index]}"
            times[$build,$index]+="$(engine_ms "$binary" count "$photos/$photo" $arguments) "
        done
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf "%-36s %10s %10s %8s   (medians of %s rounds, ms)\n" "count" "$commit" "here" "ratio" "$rounds"
for index in "${!counts[@]}"; do
    old="$(median <<<"${times[$commit,$index]}")"; new="$(median <<<"${times[here,$index]}")"
    printf "%-36s %10s %10s %7.2fx\n" "${counts[$index]}" "$old" "$new" "$(python3 -c "print($new / $old)")"
done
