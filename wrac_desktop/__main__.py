"""``python -m wrac_desktop`` is the same as the ``wrac`` command."""

import sys

from wrac_desktop.cli.main import main

sys.exit(main())
