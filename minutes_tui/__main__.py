"""``python -m minutes_tui`` is the ``bienban`` command."""

import sys

from minutes_tui.cli import main

sys.exit(main())
