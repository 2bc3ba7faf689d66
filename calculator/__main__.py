"""Entry point of ``python -m calculator``."""

import sys

from .cli import main

sys.exit(main())
