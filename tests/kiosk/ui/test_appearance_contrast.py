"""Every colour pair the station's style sheets use meets WCAG 2.2 AA in the high-contrast theme (and in the standard
one): 4.5:1 for text on its background, 3:1 for a control's boundary and for the focus ring against the page and
for a focused control against its unfocused look. The ratios come from the WCAG relative-luminance formula
(kiosk/ui/contrast.py, which cites it), checked here against known values first."""

from __future__ import annotations

import re
from typing import cast

import pytest

from games import look as game_look
from games.look import GAME_HIGH_CONTRAST, GAME_STANDARD, TEXT_PAIRS, UI_PAIRS, GameLook
from kiosk.ui.appearance import HIGH_CONTRAST, STANDARD, Appearance, Theme, game_page_sheet, panel_sheet, station_sheet
from kiosk.ui.contrast import TEXT_AA, UI_AA, contrast_ratio, relative_luminance

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")


def test_the_formula_gives_the_known_ratios() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic "just fails AA" grey
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=0.0001)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    with pytest.raises(ValueError, match="not a #rrggbb colour: 'red'"):
        relative_luminance("red")


def declarations(body: str) -> dict[str, str]:
    found = {}
    for part in body.split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            found[name.strip()] = value.strip()
    return found


def colour_of(value: str | None) -> str | None:
    match = HEX.search(value or "")
    return match.group(0).lower() if match else None


def pairs(sheet: str, theme: Theme) -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, the ratio it needs) for every colour pair the sheet draws."""
    found = []
    for selector, body in BLOCK.findall(sheet):
        what = " ".join(selector.split())
        d = declarations(body)
        background = colour_of(d.get("background")) or colour_of(d.get("background-color")) or theme.page
        if "::handle" in what:  # a scroll bar's handle against its groove (the page)
            found.append((f"{what}: handle on the page", colour_of(d["background"]), theme.page, UI_AA))
        if colour_of(d.get("color")):
            found.append((f"{what}: text", colour_of(d["color"]), background, TEXT_AA))
        if colour_of(d.get("selection-color")):
            found.append((f"{what}: selected text", colour_of(d["selection-color"]),
                          colour_of(d["selection-background-color"]), TEXT_AA))
        border = colour_of(d.get("border")) or colour_of(d.get("border-color"))
        if border and ":disabled" not in what:  # a control's boundary (or its focus ring) against the page; SC 1.4.11
            found.append((f"{what}: border on the page", border, theme.page, UI_AA))  # exempts inactive controls
        if ":focus" in what and (border or colour_of(d.get("background"))):  # (a block only widening the ring
            # inherits a checked one) the focused look differs from the unfocused one: by its fill or by its ring
            fill = colour_of(d.get("background")) or theme.control_bg
            ring = border or theme.border
            fg, bg = max((fill, theme.control_bg), (ring, theme.border), key=lambda pair: contrast_ratio(*pair))
            found.append((f"{what}: focused vs unfocused", fg, bg, UI_AA))
    return found


def sheets(look: Appearance) -> dict[str, str]:
    return {"station": station_sheet(look), "game page": game_page_sheet(look), "panel": panel_sheet(look)}


@pytest.mark.parametrize("theme", [HIGH_CONTRAST, STANDARD], ids=lambda t: t.name)
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_colour_pair_meets_wcag_aa(theme: Theme, scale: float) -> None:
    look = Appearance(scale, theme is HIGH_CONTRAST)
    failing = []
    checked = 0
    for name, sheet in sheets(look).items():
        for what, fg, bg, needed in pairs(sheet, theme):
            checked += 1
            ratio = contrast_ratio(fg, bg)
            if ratio < needed:
                failing.append(f"{name} {what}: {fg} on {bg} is {ratio:.2f}:1, needs {needed}:1")
    assert checked >= 30  # the parser found the sheets' pairs (a broken one would find none and pass)
    assert failing == []


@pytest.mark.parametrize("theme", [HIGH_CONTRAST, STANDARD], ids=lambda t: t.name)
def test_the_sheets_use_only_the_themes_colours(theme: Theme) -> None:
    look = Appearance(1.5, theme is HIGH_CONTRAST)
    used = {c.lower() for sheet in sheets(look).values() for c in HEX.findall(sheet)}
    assert used <= set(theme.colours().values())
    assert {theme.page, theme.text, theme.focus_ring, theme.border} <= used


def test_the_theme_pairs_no_sheet_states_explicitly() -> None:
    """Labels inherit the page: text, hints and errors on the page; the problem line and notices on their own."""
    t = HIGH_CONTRAST
    for fg, bg in ((t.text, t.page), (t.quiet, t.page), (t.error, t.page), (t.error, t.problem_bg),
                   (t.notice_text, t.notice_bg), (t.text, t.control_hover), (t.field_focus_text, t.field_focus_bg)):
        assert contrast_ratio(fg, bg) >= TEXT_AA, (fg, bg)
    assert contrast_ratio(t.focus_bg, t.primary_bg) >= UI_AA  # a focused primary button differs from an unfocused one
    assert contrast_ratio(t.primary_border, t.page) >= UI_AA


def game_sheets(look: Appearance) -> dict[str, str]:
    """The style sheets of the games' own views (games.look, issue 17): the shared one, those that add to it, and
    the buttons' own, made while the games' look is `look`."""
    from games.bart.view import BartView
    from games.decision.widgets import style as decision_style
    from games.kit.widgets import button_sheet
    from games.trialkit.widgets import style as trial_style
    from games.widgets import game_sheet

    game, before = GameLook(look.scale, look.high_contrast), game_look.current()
    game_look.set_current(game)
    try:
        return {"game": game_sheet(game), "balloons": BartView.look_sheet(cast(BartView, None), game),
                "decision": decision_style(game), "trial games": trial_style(game), "buttons": button_sheet()}
    finally:
        game_look.set_current(before)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_games_high_contrast_sheets_meet_wcag_aa(scale: float) -> None:
    failing, checked = [], 0
    for name, sheet in game_sheets(Appearance(scale, True)).items():
        for what, fg, bg, needed in pairs(sheet, HIGH_CONTRAST):
            checked += 1
            if contrast_ratio(fg, bg) < needed:
                failing.append(f"{name} {what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1, needs {needed}:1")
    assert checked >= 20
    assert failing == []


def test_the_game_palettes_meet_wcag_aa() -> None:
    """The colours games paint with: in high contrast every text pair 4.5:1 and every stimulus, outline, cue and
    focus ring on what it is drawn on 3:1; in the standard theme (the games' calm look, kept) the texts 4.5:1."""
    hc, standard = GAME_HIGH_CONTRAST.colours(), GAME_STANDARD.colours()
    failing = [f"high contrast {fg} on {bg}: {contrast_ratio(hc[fg], hc[bg]):.2f}:1"
               for fg, bg in TEXT_PAIRS if contrast_ratio(hc[fg], hc[bg]) < TEXT_AA]
    failing += [f"high contrast {fg} on {bg}: {contrast_ratio(hc[fg], hc[bg]):.2f}:1"
                for fg, bg in UI_PAIRS if contrast_ratio(hc[fg], hc[bg]) < UI_AA]
    failing += [f"standard {fg} on {bg}: {contrast_ratio(standard[fg], standard[bg]):.2f}:1"
                for fg, bg in TEXT_PAIRS if contrast_ratio(standard[fg], standard[bg]) < TEXT_AA]
    assert len(TEXT_PAIRS) >= 10 and len(UI_PAIRS) >= 25
    assert failing == []
    assert {"background", "text", "outline", "focus", "cue_green", "cue_orange"} <= {n for pair in UI_PAIRS + TEXT_PAIRS
                                                                                     for n in pair}
