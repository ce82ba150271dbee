"""ccs-desktop: the desktop companion for Call Center Studio agents.

Kept import-free so that `ccs-desktop --help` starts fast.
"""

__version__ = "0.1.0"
