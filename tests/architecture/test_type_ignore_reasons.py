"""Every `# type: ignore` names its error code and says why on the same line (the developers' guide; issue 9)."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("eventlog", "games", "sync", "kiosk", "scoring", "reports", "datasets")
WITH_REASON = re.compile(r"#\s*type:\s*ignore\[[-a-z, ]+\]\s+#\s*\S")


def _ignores_without_reason() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            with path.open("rb") as source:
                for token in tokenize.tokenize(source.readline):
                    if token.type == tokenize.COMMENT and "type: ignore" in token.string \
                            and not WITH_REASON.search(token.string):
                        found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string}")
    return found


def test_every_type_ignore_names_its_code_and_gives_a_reason() -> None:
    assert _ignores_without_reason() == []


def test_the_check_finds_an_ignore_without_a_reason() -> None:
    assert WITH_REASON.search("# type: ignore[override]  # uvicorn's own narrowing")
    assert not WITH_REASON.search("# type: ignore[override]")
    assert not WITH_REASON.search("# type: ignore  # no code named")
