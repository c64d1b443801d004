#!/usr/bin/env bash
# Install the Debian/Ubuntu system libraries Qt (PySide6) needs, only those that are missing.
# Usage: packaging/system-deps.sh [run|test|package]   ("package" adds binutils, whose objdump and strip PyInstaller
# runs to build the one-folder app; "run" adds the X11/xcb libraries, Xvfb and libcups2, which Qt's
# print plugin needs to list real printers; without it the print dialog can only print to a PDF file; "test" adds
# the stock age tool, with which a test decrypts an encrypted bundle as an operator would; chromium and
# chromium-driver, which render the recruiter reports' HTML in the tests; poppler-utils, whose pdftotext and
# pdftoppm read the reports' PDFs back; postgresql, which the receiver's tests start in a temporary folder as
# the unprivileged user hiremate-pg (made here when missing and running as root: PostgreSQL refuses to run as root);
# what "package" adds, as tests/packaging builds the app, with Xvfb and xauth to run the built app on X11,
# desktop-file-utils and systemd, whose validators check the desktop entries and the unit;
# and the npm package bids-validator (the BIDS export's tests run it) into .cache/npm, with Debian's nodejs
# and npm when node or npm is missing)
set -euo pipefail
mode="${1:-test}"
root="$(cd "$(dirname "$0")/.." && pwd)"
BIDS_VALIDATOR="bids-validator@1.15.0"
pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core openssl)
if [ "$mode" = test ]; then
  pkgs+=(age chromium chromium-driver poppler-utils postgresql xvfb xauth desktop-file-utils systemd libx11-6 libxtst6)
fi
if [ "$mode" = test ] || [ "$mode" = package ]; then
  pkgs+=(binutils)
fi
PG_USER="${HIREMATE_PG_USER:-hiremate-pg}"

ensure_pg_user() {
  [ "$mode" = test ] && [ "$(id -u)" -eq 0 ] || return 0
  getent passwd "$PG_USER" >/dev/null && return 0
  echo "system-deps: creating the unprivileged user $PG_USER (the tests run PostgreSQL as it)"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
}

install_bids_validator() {
  [ "$mode" = test ] || return 0
  [ -x "$root/.cache/npm/node_modules/.bin/bids-validator" ] && return 0
  echo "system-deps: installing $BIDS_VALIDATOR into .cache/npm (npm)"
  npm install --prefix "$root/.cache/npm" --no-audit --no-fund --loglevel=error "$BIDS_VALIDATOR" >/dev/null
}
if [ "$mode" = run ]; then
  pkgs+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
         libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xfixes0 libx11-xcb1 xvfb xauth libcups2 libxtst6)
fi
if [ "$mode" = test ]; then
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
if ! command -v dpkg >/dev/null 2>&1; then
  echo "system-deps: not a Debian-family system; install Qt 6's runtime libraries (EGL, GL, xkbcommon, fontconfig) yourself" >&2
  install_bids_validator
  exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then install_bids_validator; ensure_pg_user; exit 0; fi
echo "system-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "system-deps: need root to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_bids_validator
ensure_pg_user
