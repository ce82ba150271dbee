"""One visual language (ui/theme.py): every text and state colour of both themes meets WCAG AA against what it is
drawn on; the stylesheet and palette reach a real application, dark when forced dark; text grows with the
application font; and no widget module hard-codes a colour.

The application checks run in a subprocess with the real CcsApplication (a test process already has pytest-qt's
QApplication, and there can be only one); the columns check themes that shared application and puts it back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.services.call_state import LineState
from ccs_desktop.ui import theme
from ccs_desktop.ui.calls_model import COLUMNS, CONTACT, TALK, TIME
from ccs_desktop.ui.calls_panel import CallsPanel
from ccs_desktop.ui.contacts_panel import ContactsPanel
from ccs_desktop.ui.theme import AA_LARGE, AA_TEXT, COMPONENT_ON, TEXT_ON, THEMES, contrast, type_scale
from tests.helpers import REPO
from tests.ui.test_calls_worklist import tab  # noqa: F401 - the fixture, by name
from tests.ui.test_widgets import make_window

UI = REPO / "ccs_desktop" / "ui"


def pairs(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str, str]]:
    return [(scheme, fg, bg) for scheme in THEMES for fg, bgs in table.items() for bg in bgs]


def test_the_contrast_ratio_is_wcags():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#2563eb", "#2563eb") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA
    assert contrast("#777777", "#ffffff") < AA_TEXT
    with pytest.raises(ValueError):
        contrast("red", "#ffffff")


@pytest.mark.parametrize(("scheme", "fg", "bg"), pairs(TEXT_ON), ids=[" ".join(p) for p in pairs(TEXT_ON)])
def test_every_text_colour_reads_at_aa_on_its_backgrounds(scheme, fg, bg):
    colours = THEMES[scheme]
    ratio = contrast(getattr(colours, fg), getattr(colours, bg))
    assert ratio >= AA_TEXT, f"{scheme}: {fg} on {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize(
    ("scheme", "fg", "bg"), pairs(COMPONENT_ON), ids=[" ".join(p) for p in pairs(COMPONENT_ON)]
)
def test_every_state_mark_and_control_outline_is_seen_at_3_to_1(scheme, fg, bg):
    colours = THEMES[scheme]
    ratio = contrast(getattr(colours, fg), getattr(colours, bg))
    assert ratio >= AA_LARGE, f"{scheme}: {fg} on {bg} is {ratio:.2f}:1"


def test_every_state_tone_is_a_checked_colour():
    checked = set(TEXT_ON) & set(COMPONENT_ON)
    assert set(theme.STATE_TONES.values()) <= checked


def test_the_type_scale_follows_the_system_font_and_never_undercuts_the_page():
    small, big = type_scale(9.0), type_scale(14.0)
    assert small.body == theme.PAGE_BODY_PT  # Qt's 9 pt default reads like the page's 14 px
    assert (
        big.body == 14.0 and big.title > small.title and big.large > small.large and big.small > small.small
    )
    assert big.small < big.body < big.title < big.large


SCRIPT = """
import json, sys
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from ccs_desktop.ui.application import CcsApplication
from ccs_desktop.ui.theme import DARK, LIGHT, set_role, set_tone

app = CcsApplication([], theme=sys.argv[1])
window = QWidget()
plain, title, state = QLabel("Calls"), set_role(QLabel("Ayşe Demir"), "title"), set_tone(QLabel("Ready"), "danger")
button = QPushButton("Call")
layout = QVBoxLayout(window)
for widget in (plain, title, state, button):
    layout.addWidget(widget)
window.show()
app.processEvents()
seen = {
    "scheme": app.theme.scheme,
    "window": app.palette().color(QPalette.ColorRole.Window).name(),
    "sheet": len(app.styleSheet()),
    "state": state.palette().color(QPalette.ColorRole.WindowText).name(),
    "button_height": button.sizeHint().height(),
    "before": [plain.font().pointSizeF(), title.font().pointSizeF()],
}
font = app.font()
font.setPointSizeF(font.pointSizeF() * 1.5)  # the agent sets a bigger system font
app.setFont(font)
app.processEvents()
seen["after"] = [plain.font().pointSizeF(), title.font().pointSizeF()]
seen["button_height_after"] = button.sizeHint().height()
print(json.dumps(seen))
"""


def run_app(mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],  # the test's own (tests/conftest.py user_dirs)
        },
    ).stdout
    return json.loads(out.splitlines()[-1])


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_application_wears_the_forced_theme(mode):
    seen = run_app(mode)
    colours = THEMES[mode]
    assert seen["scheme"] == mode
    assert seen["window"] == colours.window
    assert seen["sheet"] > 1000
    assert seen["state"] == colours.danger  # a tone is the theme's colour, in either theme


def test_forced_dark_is_dark_whatever_the_system_says():
    seen = run_app("dark")  # offscreen reports no colour scheme: the system's would be light
    assert theme.luminance(seen["window"]) < 0.02 and theme.luminance(seen["state"]) > 0.2


def test_text_grows_with_the_application_font():
    seen = run_app("light")
    (plain, title), (plain_after, title_after) = seen["before"], seen["after"]
    assert plain >= theme.PAGE_BODY_PT and title == pytest.approx(plain * 1.25, abs=0.01)
    assert plain_after == pytest.approx(plain * 1.5) and title_after == pytest.approx(
        plain_after * 1.25, abs=0.01
    )
    assert seen["button_height_after"] > seen["button_height"]


COLOUR_LITERALS = re.compile(
    r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b(?!\w)|GlobalColor|setStyleSheet\(|\brgba?\(|QColor\(\s*[\"'\d]"
)


def hard_coded_colours(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if COLOUR_LITERALS.search(line)]


def test_the_colour_check_sees_colours():
    assert hard_coded_colours('label.setStyleSheet("color: #cf222e")')
    assert hard_coded_colours("QColor(Qt.GlobalColor.black)")
    assert hard_coded_colours('QColor("#fff")') and hard_coded_colours("QColor(255, 0, 0)")
    assert not hard_coded_colours('set_tone(label, "danger")\nQColor(colour("danger"))')


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(UI.rglob("*.py")) if p.name != "theme.py"],
    ids=lambda p: p.relative_to(UI).as_posix(),
)
def test_no_widget_module_hard_codes_a_colour(path: Path):
    found = hard_coded_colours(path.read_text(encoding="utf-8"))
    assert not found, "colours belong in ui/theme.py:\n" + "\n".join(found)


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The test process's application in the light theme, put back as it was afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    applied = theme.apply_theme(qapp, "light")
    yield qapp
    applied.setParent(None)
    del applied
    qapp.styleHints().unsetColorScheme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_the_themed_calls_table_fits_the_default_window(qtbot, themed, tab, tmp_path):  # noqa: F811
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.tabs.removeTab(window.tabs.indexOf(window.calls))
    window.tabs.addTab(tab.panel, "Calls")
    window.tabs.setCurrentWidget(tab.panel)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    table, header = tab.panel.table, tab.panel.table.horizontalHeader()
    assert table.font().pointSizeF() >= theme.PAGE_BODY_PT
    qtbot.waitUntil(lambda: table.isVisible() and table.width() < 700, timeout=1000)
    shown = [c for c in range(len(COLUMNS)) if not header.isSectionHidden(c)]
    assert table.horizontalScrollBar().maximum() == 0
    assert {TIME, 2, CONTACT, 4, TALK} <= set(shown)
    assert header.sectionSize(CONTACT) >= 100


def test_the_themed_card_never_clips_its_buttons(qtbot, themed):
    """The theme's buttons are wider (bold, padded): the card keeps the width its layout needs, and the list gives
    way, however narrow the tab is."""
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.resize(560, 500)
    panel.show()
    numbers = [ContactNumber("+905337751519", "mobile")]
    ayse = Contact(id=1, name="Ayşe Demir", company="Demir Lojistik", numbers=numbers, favourite=True)
    panel.show_results([ayse], 1)
    panel.show_card(ayse, ["2026-12-01 15:22, outgoing, missed"])
    card = panel.card
    buttons = (card.edit_button, card.favourite_button, card.delete_button)
    qtbot.waitUntil(lambda: card.isVisible() and all(b.width() >= b.sizeHint().width() for b in buttons))


def test_a_window_built_while_the_sheet_is_held_ends_up_styled_as_one_built_with_it(qtbot, themed, tmp_path):
    """run_gui builds the window with the sheet held (styled once instead of once per layout level): once the hold
    ends, fonts, sizes and colours are those of a window built with the sheet on."""

    def looks(window: QWidget) -> list[object]:
        window.resize(1200, 760)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(100)
        widgets = [window, *window.findChildren(QWidget)]
        return [
            (type(w).__name__, w.objectName() or w.accessibleName(), w.font().pointSizeF(), w.sizeHint().height(), w.palette().window().color().name())
            for w in widgets
        ]

    styled = make_window(tmp_path / "styled")
    qtbot.addWidget(styled)
    with themed.findChild(theme.Theme).sheet_held():
        assert themed.styleSheet() == ""
        held = make_window(tmp_path / "held")
        qtbot.addWidget(held)
    assert len(themed.styleSheet()) > 1000
    a, b = looks(held), looks(styled)
    assert a == b


def test_the_calls_table_grows_with_the_font(qtbot):
    """Rows and columns are measured from the font, again when it changes (a bigger system font, live)."""
    panel = CallsPanel()
    qtbot.addWidget(panel)
    rows, widths = panel.table.verticalHeader().defaultSectionSize(), list(panel.natural_widths)
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    panel.setFont(font)
    assert panel.table.verticalHeader().defaultSectionSize() > rows
    assert panel.natural_widths[TIME] > widths[TIME] and panel.table.columnWidth(TIME) > widths[TIME]


def test_the_combo_arrow_is_drawn_in_the_theme_colour(tmp_path):
    arrow = theme.arrow_image(theme.DARK.muted, tmp_path)
    assert Path(arrow).read_text(encoding="utf-8").count(theme.DARK.muted) == 1
    sheet = theme.stylesheet(theme.DARK, type_scale(10), arrow)
    assert f'url("{arrow}")' in sheet
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert theme.arrow_image(theme.LIGHT.muted, blocked) == ""  # cannot be written: the style's own arrow
    assert "down-arrow" not in theme.stylesheet(theme.LIGHT, type_scale(10), "")


def test_the_line_state_wears_its_tone(qtbot, themed, tmp_path):
    """The status bar's state: green when ready, red when calls cannot come in, in the theme's colours."""
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    label = window.state_label
    for state, tone in (
        (LineState.READY, "success"),
        (LineState.UNAVAILABLE, "danger"),
        (LineState.LOGGED_OUT, ""),
    ):
        window.set_line_state(state, "")
        assert label.property("tone") == tone
    window.set_line_state(LineState.READY, "")
    label.ensurePolished()
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.LIGHT.success
