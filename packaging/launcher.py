"""The frozen app's entry point: exactly the `ccs-desktop` console script (and, with `--keyring-child`, the
start-up's keyring reader, which a bundle cannot start with `python -m`)."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--keyring-child"]:  # core/keyring_child.py: the start-up's keyring read, where it spawns
        from ccs_desktop.core.keyring_child import main as keyring_child

        sys.exit(keyring_child(sys.argv[2:]))
    from ccs_desktop.cli import main

    sys.exit(main())
