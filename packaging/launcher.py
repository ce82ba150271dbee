"""The frozen app's entry point: exactly the `ccs-desktop` console script."""

import sys

from ccs_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
