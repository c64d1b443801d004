#!/usr/bin/env bash
# Install a built HireMate Station (dist/hiremate/, `make package`) on this machine; docs/INSTALL.md says what next.
# Usage: sudo packaging/install.sh [--prefix /opt/hiremate] [--root /] [--from dist/hiremate]
#   PREFIX             the app folder, a copy of dist/hiremate/ (replaced whole on an update), and PREFIX/share/ with
#                      the autostart file, the systemd unit and INSTALL.md, ready to copy for a kiosk user
#   /usr/local/bin/hiremate                      the command, a link to PREFIX/hiremate
#   /usr/share/applications/hiremate.desktop     the menu entry; icons in /usr/share/icons/hicolor/
#   /etc/systemd/user/hiremate-kiosk.service     the kiosk-mode user service (enabled per user, not here)
# --root installs into another tree (a disk image, or a test); paths inside the files still name PREFIX.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix=/opt/hiremate
root=/
from="$here/../dist/hiremate"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --root) root="$2"; shift 2 ;;
    --from) from="$2"; shift 2 ;;
    *) echo "install: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
case "$prefix" in /*) ;; *) echo "install: --prefix must be an absolute path, not $prefix" >&2; exit 2 ;; esac
if [ ! -x "$from/hiremate" ]; then
  echo "install: no built app in $from (run \`make package\` first)" >&2; exit 1
fi
dest="${root%/}$prefix"

# the files that name the app's path, with PREFIX in place of /opt/hiremate
place() {  # place SOURCE TARGET MODE
  install -D -m "$3" /dev/null "$2"
  sed "s#/opt/hiremate#$prefix#g" "$1" > "$2"
}

rm -rf "$dest.new"
mkdir -p "$(dirname "$dest")"
cp -a "$from" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
place "$here/hiremate-kiosk.desktop" "$dest/share/hiremate-kiosk.desktop" 644
place "$here/hiremate-kiosk.service" "$dest/share/hiremate-kiosk.service" 644
install -D -m 644 "$here/../docs/INSTALL.md" "$dest/share/INSTALL.md"

install -d "${root%/}/usr/local/bin"
ln -sfn "$prefix/hiremate" "${root%/}/usr/local/bin/hiremate"
place "$here/hiremate.desktop" "${root%/}/usr/share/applications/hiremate.desktop" 644
place "$here/hiremate-kiosk.service" "${root%/}/etc/systemd/user/hiremate-kiosk.service" 644
install -D -m 644 "$here/icons/hiremate.svg" "${root%/}/usr/share/icons/hicolor/scalable/apps/hiremate.svg"
for png in "$here"/icons/hicolor/*/apps/hiremate.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "${root%/}/usr/share/icons/hicolor/$size/apps/hiremate.png"
done
if [ "$root" = / ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q /usr/share/icons/hicolor || true
fi
echo "installed HireMate Station in $dest"
echo "next: the kiosk user's start at login and the OS lockdown, docs/INSTALL.md"
