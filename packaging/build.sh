#!/usr/bin/env bash
# Build the one-folder HireMate Station with PyInstaller (packaging/hiremate.spec); `make package` runs it.
# Usage: packaging/build.sh [DIST_DIR]   The app lands in DIST_DIR/hiremate/ (default dist/hiremate/), PyInstaller's
# work files in a fresh build/ (or $HIREMATE_BUILD_WORK). The log ends with the build's size, its file count, its ten
# largest files and the build time. PYI_LOG_LEVEL=INFO shows PyInstaller's every step (default: warnings only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$(realpath -m "${1:-$root/dist}")"
work="$(realpath -m "${HIREMATE_BUILD_WORK:-$root/build}")"
python="$root/.venv/bin/python"
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "build: installing PyInstaller (the package extra)"
  "$python" -m pip install -q -e "$root[package]"
fi
start=$(date +%s)
rm -rf "$work"  # a fresh analysis every time; PyInstaller's cache of stripped binaries (~/.cache/pyinstaller) stays
"$python" -m PyInstaller --noconfirm --log-level "${PYI_LOG_LEVEL:-WARN}" --distpath "$dist" --workpath "$work" \
  "$root/packaging/hiremate.spec"
echo "build time: $(( $(date +%s) - start )) s"
echo "built: $dist/hiremate/hiremate"
