"""PyInstaller's script for the one Linux program, which answers to two names.

On Linux a console and a windowed program are the same kind of file, so the bundle holds one
executable, ``wrac``, and ``wrac-gui`` is a symbolic link to it: each would otherwise carry its
own 16 MB copy of the Python modules. Started as ``wrac-gui`` (the link, or a link to it, as
install.sh makes) it is wrac_desktop/launcher.py; under any other name, the CLI. Windows keeps
two executables (wrac_gui.py and wrac_desktop/__main__.py), the GUI one without a console.
"""

import os
import sys

if os.path.basename(sys.argv[0]) == "wrac-gui":
    from wrac_desktop.launcher import main
else:
    from wrac_desktop.cli.main import main

sys.exit(main())
