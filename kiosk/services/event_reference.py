"""Renders the reference of every registered event kind (docs/EVENTS.md) from the payload models themselves."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from pydantic import BaseModel

from eventlog.kinds import registered_kinds

__all__ = ["load_all_kinds", "product_kinds", "render_reference"]

KIND_MODULES = ("eventlog.core_kinds", "kiosk.services.station_kinds", "kiosk.services.timing")
PRODUCT_PACKAGES = {"eventlog", "kiosk", "games", "scoring", "sync"}


def product_kinds() -> dict[str, type[BaseModel]]:
    """Kinds registered by the app's own packages (not by tests or benchmarks), sorted by name."""
    load_all_kinds()
    return {
        kind: model for kind, model in sorted(registered_kinds().items())
        if model.__module__.split(".")[0] in PRODUCT_PACKAGES
    }


def load_all_kinds() -> None:
    """Import every module that registers event kinds: the log's, the station's and every game's."""
    for module in KIND_MODULES:
        importlib.import_module(module)
    from games.spec import load_event_kinds

    load_event_kinds()


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) if isinstance(annotation, type) else None
    return (text or str(annotation).replace("typing.", "")).replace("|", "\\|")


def _field_rows(model: type[BaseModel]) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        required = "required" if field.is_required() else f"default `{field.default!r}`"
        rows.append(f"| `{name}` | `{_type_name(field.annotation)}` | {required} |")
    return rows


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def render_reference() -> str:
    """Markdown: one section per namespace, one table of payload fields per kind."""
    lines = [
        "# Event kinds",
        "",
        "Generated from the registered payload models by `python -m kiosk.services.event_reference > docs/EVENTS.md`;",
        "a test fails when this file and the code disagree. Every event also has `session_id`, `seq`, `t_ns`,",
        "`kind`, `game`, `trial`, `prev_hash` and `hash` (docs/EVENTLOG.md). Payloads refuse unknown fields.",
    ]
    namespace = None
    for kind, model in product_kinds().items():
        prefix = kind.split(".")[0]
        if prefix != namespace:
            namespace = prefix
            lines += ["", f"## {namespace}"]
        lines += ["", f"### `{kind}`", "", _doc(model), "", "| field | type | |", "|---|---|---|"]
        lines += _field_rows(model) or ["| (none) | | |"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_reference())
