"""Libraries of the Linux desktop itself, which the bundle leaves to the system (issue 22 item 5).

PySide6's own wheels bring none of these: ``pip install PySide6-Essentials`` runs on the X11 or
Wayland session, the fonts, D-Bus and the print system the machine already has, and so does a
window opened from ``make run``. PyInstaller copied them into dist/wrac/ only because it found
them on the build machine, 17 MB of the bundle. A copy can only be older than the laptop's own
and disagree with what serves it: fontconfig with the system's font configuration files, libcups
with its cupsd, libdbus with the session bus (AppImage's excludelist leaves out the same groups
for that reason). Python's own libraries (libpython, OpenSSL, SQLite, libffi, zlib) and C++'s
runtime stay in the bundle: a laptop's may be too old for them.

Each group names the libraries by their file name up to ``.so``; ``libxcb`` stands for every
``libxcb-*`` too. ``tests/dist`` checks that none is bundled and that each one the bundle needs
is found on the machine.
"""

from __future__ import annotations

from pathlib import Path

# A group a line or two reads better than forty names one a line.
# fmt: off
DESKTOP_GROUPS: dict[str, tuple[str, ...]] = {
    "X11 session": (
        "libX11", "libX11-xcb", "libXau", "libXdmcp", "libxcb", "libxkbcommon",
        "libxkbcommon-x11", "libbsd", "libmd",
    ),
    "fonts": ("libfontconfig", "libfreetype", "libpng16", "libbrotlicommon", "libbrotlidec"),
    "GLib": ("libglib-2.0", "libgthread-2.0", "libpcre2-8"),
    "D-Bus and systemd": (
        "libdbus-1", "libsystemd", "libgcrypt", "libgpg-error", "liblz4", "libcap", "libzstd",
    ),
    # Qt's CUPS print plugin: libcups and the TLS, Kerberos and Avahi clients it is linked with
    "printing": (
        "libcups", "libgnutls", "libnettle", "libhogweed", "libgmp", "libtasn1", "libp11-kit",
        "libidn2", "libunistring", "libavahi-client", "libavahi-common", "libgssapi_krb5",
        "libkrb5", "libk5crypto", "libkrb5support", "libkeyutils", "libcom_err",
    ),
}
# fmt: on
DESKTOP_LIBRARIES = frozenset(name for group in DESKTOP_GROUPS.values() for name in group)


def stem(file_name: str) -> str:
    """``libxcb-randr.so.0`` → ``libxcb-randr``; the name a library is known by."""
    return file_name.split(".so", 1)[0]


def is_desktop_library(dest: str) -> bool:
    """Whether the library at ``dest`` in the bundle is one the desktop provides.

    PyInstaller puts the system libraries it collects at the top of the bundle; a library a
    wheel carries under its own hashed name (``pillow.libs/libxcb-9065bb12.so.1.1.0``) is that
    wheel's, and stays.
    """
    path = Path(dest)
    if path.parent != Path("."):
        return False
    name = stem(path.name)
    return name in DESKTOP_LIBRARIES or name.startswith("libxcb-")
