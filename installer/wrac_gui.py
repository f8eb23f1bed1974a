"""PyInstaller's script for the windowed ``wrac-gui`` program (see wrac_desktop/launcher.py)."""

import sys

from wrac_desktop.launcher import main

sys.exit(main())
