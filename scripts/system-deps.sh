#!/usr/bin/env bash
# Install the Debian/Ubuntu packages WRAC Desktop needs that pip cannot provide: the X, Wayland,
# GL and CUPS libraries Qt's plugins load (the frozen bundle leaves them to the desktop, as
# installer/desktop_libraries.py says), a font with Kazakh letters, Xvfb (and xwininfo, to see the
# frozen app's window) for the real-window tests, poppler for checking PDFs and zbar for reading
# their QR codes back, the PostgreSQL server
# the tests start for shared registers, and icupkg, objcopy and gcc, with which `make dist`
# rebuilds Qt's ICU data for our three languages (installer/icu_data.py), and the freedesktop
# validators the Linux desktop files are tested with (desktop-file-validate, appstreamcli,
# update-mime-database). Quiet and quick when everything is already there.
set -euo pipefail

packages=(
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  libwayland-cursor0 libwayland-egl1 libcups2
  libfontconfig1 libdbus-1-3 fonts-dejavu-core xvfb xauth poppler-utils x11-utils zbar-tools
  icu-devtools binutils gcc
  desktop-file-utils appstream shared-mime-info
)
# Any installed server version will do (Debian 12 ships 15 as "postgresql").
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
  || packages+=(postgresql)
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
# `make bench` compares our PDF with LibreOffice converting our XLSX, as a spreadsheet user
# would; the tests never need it.
[ "${1:-}" = "bench" ] && packages+=(libreoffice-calc-nogui)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the Qt xcb libraries yourself" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "system-deps: please install: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
