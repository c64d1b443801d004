#!/usr/bin/env bash
# Build a one-folder HireMate Station app with PyInstaller into dist/hiremate/.
set -euo pipefail
cd "$(dirname "$0")"
../.venv/bin/python -m pip install -q -e '..[package]'
../.venv/bin/pyinstaller --noconfirm --clean --distpath ../dist --workpath ../build hiremate.spec
echo "built: $(cd .. && pwd)/dist/hiremate/hiremate"
