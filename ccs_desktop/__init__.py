"""ccs-desktop: the desktop companion for Call Center Studio agents.

Kept import-free so that `ccs-desktop --help` starts fast, and so that the packaging files (PyInstaller spec,
build script, tests) can read the version and the app id from here without loading anything else.
"""

__version__ = "0.1.0"

# The reverse-DNS id of the desktop app: .desktop and metainfo file names, icon name, macOS bundle id,
# LaunchAgent label. Changing it orphans every user's installed desktop integration: don't.
APP_ID = "io.github.ccs_desktop.CcsDesktop"
# The name people see in menus, installers and the macOS menu bar; the command stays `ccs-desktop`.
APP_TITLE = "CCS Desktop"
