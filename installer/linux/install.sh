#!/usr/bin/env bash
# Install the frozen bundle for the current user, no root needed: the folder into
# ~/.local/lib/wrac-desktop, `wrac` and `wrac-gui` into ~/.local/bin, the menu entry, the icon,
# the .wrac file type and the AppStream metadata (what software centres show). `make dist` puts this script in the bundle: run dist/wrac/install.sh.
# `install.sh --uninstall` removes all that again; registers and the data folder stay.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bundle="${1:-$here}"
[ "$bundle" = "--uninstall" ] && bundle=""
data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/lib/wrac-desktop"
icon_dir="$data/icons/hicolor/256x256/apps"
metainfo="kz.wrac.WracDesktop.metainfo.xml"

remove() {
  rm -rf "$target"
  rm -f "$HOME/.local/bin/wrac" "$HOME/.local/bin/wrac-gui" "$icon_dir/wrac-desktop.png" \
    "$data/applications/wrac-desktop.desktop" "$data/mime/packages/wrac-desktop-mime.xml" \
    "$data/metainfo/$metainfo"
}

refresh() {
  update-mime-database "$data/mime" 2>/dev/null || true
  update-desktop-database "$data/applications" 2>/dev/null || true
}

if [ -z "$bundle" ]; then
  remove && refresh && echo "WRAC Desktop removed; your registers are untouched"
  exit 0
fi
[ -x "$bundle/wrac-gui" ] || { echo "install.sh: no WRAC Desktop bundle in $bundle" >&2; exit 2; }
remove
mkdir -p "$target" "$HOME/.local/bin" "$icon_dir" "$data/applications" "$data/mime/packages" \
  "$data/metainfo"
cp -a "$bundle/." "$target/"
ln -s "$target/wrac" "$HOME/.local/bin/wrac"
ln -s "$target/wrac-gui" "$HOME/.local/bin/wrac-gui"
cp "$target/_internal/resources/icons/wrac-desktop.png" "$icon_dir/"
sed "s|^Exec=wrac-gui|Exec=$target/wrac-gui|; s|^TryExec=wrac-gui|TryExec=$target/wrac-gui|" \
  "$here/wrac-desktop.desktop" > "$data/applications/wrac-desktop.desktop"
cp "$here/wrac-desktop-mime.xml" "$data/mime/packages/"
cp "$here/$metainfo" "$data/metainfo/"
refresh
echo "WRAC Desktop installed in $target (menu: Office → WRAC Desktop)"
