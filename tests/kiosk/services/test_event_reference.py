"""docs/EVENTS.md is the reference of every registered event kind and must match the code."""

from __future__ import annotations

from pathlib import Path

from kiosk.services.event_reference import product_kinds, render_reference

DOC = Path(__file__).resolve().parents[3] / "docs" / "EVENTS.md"


def test_events_reference_is_up_to_date() -> None:
    assert DOC.read_text() == render_reference(), (
        "regenerate: python -m kiosk.services.event_reference > docs/EVENTS.md"
    )


def test_every_product_kind_has_a_section_and_a_docstring() -> None:
    text = DOC.read_text()
    product = product_kinds()
    assert {"session", "bart", "rt", "decision", "station", "clock"} <= {k.split(".")[0] for k in product}
    for kind, model in product.items():
        assert f"### `{kind}`" in text
        assert (model.__doc__ or "").strip(), f"{kind}: payload model {model.__name__} has no docstring"
