"""Desktop integration on a temporary home: the real `ccs-desktop` command, the real xdg-mime, the real files."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys

import pytest

from ccs_desktop import APP_ID
from ccs_desktop.core import desktop
from tests.helpers import cli_env, run_cli

OURS = f"{APP_ID}.desktop"


@pytest.fixture
def home(user_dirs, tmp_path, monkeypatch):
    isolate_desktop(tmp_path, monkeypatch)
    return user_dirs


def isolate_desktop(tmp_path, monkeypatch) -> None:
    """A user with no desktop environment: xdg-mime then reads and writes only $XDG_CONFIG_HOME/mimeapps.list."""
    if shutil.which("xdg-mime") is None:
        pytest.fail("xdg-mime is missing: install the Debian package xdg-utils (see .ci/run)")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(name, raising=False)
    # no system-wide defaults leak in from the machine running the tests
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "system-data"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system-config"))


def query(scheme: str) -> str:
    """What the desktop itself answers, asked as a separate process, the way other apps ask."""
    done = subprocess.run(
        ["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return done.stdout.strip()


def set_default(desktop_file: str, scheme: str) -> None:
    subprocess.run(
        ["xdg-mime", "default", desktop_file, f"x-scheme-handler/{scheme}"], check=True, timeout=30
    )


def other_dialer(dirs, name: str = "other-dialer") -> str:
    """Another installed phone app: xdg-mime only names handlers whose program exists."""
    program = dirs.root / "bin" / name
    program.parent.mkdir(parents=True, exist_ok=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    path = dirs.data / "applications" / f"{name}.desktop"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"[Desktop Entry]\nType=Application\nName={name}\nExec={program} %u\nMimeType=x-scheme-handler/tel;\n"
    )
    return path.name


def install(*args: str):
    result = run_cli("install-desktop-integration", *args, env=cli_env(None))
    assert result.returncode == 0, result.stderr
    return result


def mimeapps_defaults(dirs) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(dirs.config / "mimeapps.list")
    return dict(parser["Default Applications"]) if parser.has_section("Default Applications") else {}


def test_install_takes_the_schemes_and_uninstall_gives_them_back(home):
    previous = other_dialer(home)
    set_default(previous, "tel")
    assert query("tel") == previous

    install()
    for scheme in ("tel", "callto", "sip"):
        assert query(scheme) == OURS
    entry = home.data / "applications" / OURS
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    # the command that ran the install: here `python -m ccs_desktop`, as the tests start it
    assert shlex.split(exec_line.removeprefix("Exec=")) == [sys.executable, "-m", "ccs_desktop", "%u"]
    for size in desktop.ICON_SIZES:
        assert (home.data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (home.data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    result = install("--uninstall")
    assert query("tel") == previous  # the app that had tel: before has it again
    assert query("callto") == query("sip") == ""  # nobody had these: our lines are gone, not replaced
    assert OURS not in (home.config / "mimeapps.list").read_text()
    assert not entry.exists()
    assert not list((home.data / "icons").rglob(f"{APP_ID}.*"))
    assert not (home.data / "ccs-desktop" / desktop.STATE_FILE).exists()
    assert "tel: links open in other-dialer.desktop" in result.stdout


def test_installing_twice_still_remembers_the_first_owner(home):
    set_default(other_dialer(home), "tel")
    install()
    install()  # e.g. after an update moved the app: must not record itself as the previous handler
    assert query("tel") == OURS
    install("--uninstall")
    assert query("tel") == "other-dialer.desktop"


def test_uninstall_leaves_an_app_the_user_chose_afterwards(home):
    set_default(other_dialer(home), "tel")
    install()
    set_default(other_dialer(home, "third-dialer"), "callto")
    install("--uninstall")
    assert query("tel") == "other-dialer.desktop"
    assert query("callto") == "third-dialer.desktop"
    assert mimeapps_defaults(home).get("x-scheme-handler/sip") is None


def test_the_running_command_is_what_the_entry_starts(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/CCS Desktop/ccs-desktop")
    assert desktop.launch_command() == ["/opt/CCS Desktop/ccs-desktop"]
    monkeypatch.delattr(sys, "frozen")
    script = tmp_path / "bin" / "ccs-desktop"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "install-desktop-integration"])
    assert desktop.launch_command() == [str(script)]
    monkeypatch.setattr(sys, "argv", ["/somewhere/ccs_desktop/__main__.py"])
    monkeypatch.setattr(sys, "executable", "/usr/bin/python3")
    assert desktop.launch_command() == ["/usr/bin/python3", "-m", "ccs_desktop"]


@pytest.mark.parametrize(
    ("arg", "written"),
    [
        ("/usr/bin/ccs-desktop", "/usr/bin/ccs-desktop"),
        ("/opt/CCS Desktop/ccs-desktop", '"/opt/CCS Desktop/ccs-desktop"'),
        ("/home/a$b/x", '"/home/a\\\\$b/x"'),  # \$ inside quotes, then the backslash itself escaped
        ("100%", "100%%"),
        ('say "hi"', '"say \\\\"hi\\\\""'),
    ],
)
def test_exec_arguments_are_quoted_as_the_spec_says(arg, written):
    assert desktop.quote_exec_arg(arg) == written


def test_an_entry_for_a_path_with_spaces_is_valid(tmp_path):
    if shutil.which("desktop-file-validate") is None:
        pytest.fail("desktop-file-validate is missing: install desktop-file-utils (see .ci/run)")
    path = tmp_path / OURS
    path.write_text(desktop.desktop_entry(["/opt/CCS Desktop (test)/ccs-desktop", "--verbose"]))
    check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
