"""The command in Turkish: LANG=tr_TR.UTF-8 (or the language setting) turns errors, output and help Turkish."""

from __future__ import annotations

import pytest

from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import Settings
from tests.helpers import cli_env, run_cli
from tests.test_cli import assert_one_line_error

TURKISH = {"LANG": "tr_TR.UTF-8"}


def test_bad_number_is_refused_in_turkish_with_nothing_sent(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token, **TURKISH)
    line = assert_one_line_error(run_cli("call", "12", env=env), 2)
    assert line == "ccs-desktop: '12', TR için geçerli bir telefon numarası değil."
    assert simulator.functions() == []


def test_turkish_output_help_and_argparse_errors(simulator, tmp_path):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token, **TURKISH)
    help_text = run_cli("--help", env=env).stdout
    assert help_text.startswith("kullanım: ccs-desktop")
    assert "süren görüşmeyi kapat (click2hang)" in help_text
    unknown = run_cli("calls", "--bogus", env=env)
    assert unknown.returncode == 2
    assert "ccs-desktop: hata: tanınmayan argümanlar: --bogus" in unknown.stderr
    dates = run_cli("calls", "--from", "2026-02-01", "--to", "2026-01-01", env=env)
    assert assert_one_line_error(dates, 2) == "ccs-desktop: --from, --to'dan sonra."
    exported = run_cli("contacts", "export", str(tmp_path / "kisiler.csv"), env=env)
    assert exported.stdout.strip() == f"0 kişi {tmp_path / 'kisiler.csv'} dosyasına aktarıldı."


@pytest.mark.parametrize(
    ("lang", "setting", "expected"), [("C.UTF-8", "tr", "tr"), ("tr_TR.UTF-8", "en", "en")]
)
def test_the_setting_overrides_the_locale(lang, setting, expected):
    settings = Settings(config_file())
    settings.set("language", setting)
    settings.save()
    result = run_cli("call", "12", env=cli_env(None, LANG=lang))
    line = assert_one_line_error(result, 2)
    assert ("geçerli bir telefon numarası değil" in line) == (expected == "tr"), line


def test_english_stays_english(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    assert assert_one_line_error(run_cli("call", "12", env=env), 2).endswith(
        "is not a valid phone number for TR."
    )
    assert run_cli("--help", env=env).stdout.startswith("usage: ccs-desktop")
