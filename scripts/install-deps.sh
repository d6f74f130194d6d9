#!/usr/bin/env bash
# Installs the Debian packages Grounding builds and runs on, if any are missing.
# Runs apt-get as root, through sudo otherwise, or says exactly what to install.
set -euo pipefail

packages=(libpng-dev zlib1g-dev libturbojpeg0-dev libopenblas-dev wordnet-base pkg-config python3-venv valgrind)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "error: these packages are missing and this user cannot install them:" >&2
    echo "    apt-get install ${missing[*]}" >&2
    echo "Run that as root, then run this command again." >&2
    exit 1
fi
