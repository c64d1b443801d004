"""The face stimuli as data: schematic faces drawn from parameters at graded intensities, or a folder of images.

Schematic faces. A face is a handful of numbers (`FaceGeometry`): the brows' tilt and height, how open the
eyes are, the mouth's curve, opening and width. Each emotion has a full-intensity geometry; a face at
intensity i % is the neutral geometry moved i % of the way to it (linear morph). Schematic faces of this
kind (a circle with brows, eyes and a mouth) convey happiness, sadness, anger and surprise reliably
(Lundqvist, Esteves & Öhman 1999, on the brows and mouth that carry a schematic face's expression); they
are **schematic stimuli, not a validated photographic set**, and the report says so.

Image sets. `load_image_set(folder)` reads `labels.csv` in the folder, with the columns `file`, `emotion`,
`intensity` (0-100) and optionally `context` (a sentence; rows with one are context trials). Every file must
exist; errors name the file, row and column. Nothing here decodes images: the view draws them.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CONTEXTS",
    "EMOTIONS",
    "FULL",
    "NEUTRAL",
    "SCHEMATIC_SET",
    "FaceGeometry",
    "ImageStimulus",
    "StimulusSetError",
    "geometry",
    "load_image_set",
]

EMOTIONS = ("happy", "sad", "angry", "surprised")
SCHEMATIC_SET = "schematic-v1"


@dataclass(frozen=True, slots=True)
class FaceGeometry:
    """A schematic face's features (face-relative units; neutral = the first values below)."""

    brow_tilt: float = 0.0  # inner ends raised (+) or lowered (-) relative to the outer ends
    brow_raise: float = 0.0  # both brows raised (+) or lowered (-)
    eye_open: float = 1.0  # eye height relative to neutral
    mouth_curve: float = 0.0  # corners up (+, smile) or down (-, frown)
    mouth_open: float = 0.0  # 0 closed .. 1 wide open
    mouth_width: float = 1.0  # relative to neutral


NEUTRAL = FaceGeometry()
FULL: dict[str, FaceGeometry] = {
    "happy": FaceGeometry(brow_tilt=0.0, brow_raise=0.12, eye_open=0.75, mouth_curve=1.0, mouth_open=0.3,
                          mouth_width=1.2),
    "sad": FaceGeometry(brow_tilt=0.9, brow_raise=0.05, eye_open=0.8, mouth_curve=-0.85, mouth_open=0.0,
                        mouth_width=0.9),
    "angry": FaceGeometry(brow_tilt=-1.0, brow_raise=-0.4, eye_open=0.7, mouth_curve=-0.4, mouth_open=0.0,
                          mouth_width=0.8),
    "surprised": FaceGeometry(brow_tilt=0.15, brow_raise=1.0, eye_open=1.55, mouth_curve=0.0, mouth_open=1.0,
                              mouth_width=0.65),
}
"""Each emotion's geometry at 100 % intensity (the station's own drawing, tuned to read clearly)."""

CONTEXTS: dict[str, tuple[str, ...]] = {
    "happy": ("Sam has just been told they got the job.", "Robin's friends threw them a party they loved."),
    "sad": ("Alex's old dog died this week.", "Jordan's best friend is moving far away."),
    "angry": ("Someone scratched Kim's car and drove off.", "Lee was blamed for a mistake a colleague made."),
    "surprised": ("Chris opened the door to find a long-lost cousin.", "Pat found a large parcel with no sender."),
}
"""Two short situations per emotion for the context part (pymetrics-style faces in a situation)."""


def geometry(emotion: str, intensity: int) -> FaceGeometry:
    """The schematic face of `emotion` at `intensity` % (0 = neutral): the neutral face moved toward the full one."""
    if emotion not in FULL:
        raise ValueError(f"unknown emotion {emotion!r}; schematic faces show {', '.join(EMOTIONS)}")
    if not 0 <= intensity <= 100:
        raise ValueError(f"intensity must be 0..100 %, got {intensity}")
    full, k = FULL[emotion], intensity / 100.0
    return FaceGeometry(*(a + k * (b - a) for a, b in zip(_values(NEUTRAL), _values(full), strict=True)))


def _values(g: FaceGeometry) -> tuple[float, ...]:
    return (g.brow_tilt, g.brow_raise, g.eye_open, g.mouth_curve, g.mouth_open, g.mouth_width)


class StimulusSetError(ValueError):
    """An image stimulus set that cannot be used; the message names the file, row and column at fault."""


@dataclass(frozen=True, slots=True)
class ImageStimulus:
    """One image of an image set."""

    file: str
    emotion: str
    intensity: int
    context: str | None


def load_image_set(folder: Path, emotions: tuple[str, ...]) -> tuple[str, tuple[ImageStimulus, ...]]:
    """(set id 'images:<sha256 of labels.csv, 16 hex>', the rows) of a folder with labels.csv."""
    labels = folder / "labels.csv"
    try:
        raw = labels.read_bytes()
    except OSError as exc:
        raise StimulusSetError(f"{labels}: cannot read the labels file: {exc.strerror or exc}") from None
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    missing = {"file", "emotion", "intensity"} - set(rows[0] if rows else {})
    if not rows or missing:
        raise StimulusSetError(f"{labels}: needs a header with file, emotion, intensity and at least one row"
                               + (f" (missing: {', '.join(sorted(missing))})" if rows else ""))
    found = tuple(_row(folder, labels, n, row, emotions) for n, row in enumerate(rows, start=2))
    return f"images:{hashlib.sha256(raw).hexdigest()[:16]}", found


def _row(folder: Path, labels: Path, line: int, row: dict[str, str], emotions: tuple[str, ...]) -> ImageStimulus:
    name = (row.get("file") or "").strip()
    if not name or "/" in name or "\\" in name or not (folder / name).is_file():
        raise StimulusSetError(f"{labels}: line {line}, column file: {name!r} is not a file in {folder}")
    emotion = (row.get("emotion") or "").strip()
    if emotion not in emotions:
        raise StimulusSetError(f"{labels}: line {line}, column emotion: {emotion!r} is not one of "
                               f"{', '.join(emotions)}")
    try:
        intensity = int((row.get("intensity") or "").strip())
    except ValueError:
        intensity = -1
    if not 0 <= intensity <= 100:
        raise StimulusSetError(f"{labels}: line {line}, column intensity: must be a whole number 0..100")
    context = (row.get("context") or "").strip() or None
    return ImageStimulus(name, emotion, intensity, context)
