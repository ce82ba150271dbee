"""`python -m ccs_desktop` behaves exactly like the `ccs-desktop` command."""

import sys

from ccs_desktop.cli import main

sys.exit(main())
