"""Face stimuli as data: schematic geometry morphs with intensity; an image folder with labels.csv replaces them."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest

from games.faces.params import FacesParams
from games.faces.rules import plan_faces
from games.faces.stimuli import EMOTIONS, FULL, NEUTRAL, StimulusSetError, geometry, load_image_set


def test_a_face_moves_from_neutral_to_the_full_expression_in_proportion_to_its_intensity() -> None:
    for emotion in EMOTIONS:
        assert geometry(emotion, 0) == NEUTRAL and geometry(emotion, 100) == FULL[emotion]
        half = geometry(emotion, 50)
        assert half.mouth_curve == pytest.approx((NEUTRAL.mouth_curve + FULL[emotion].mouth_curve) / 2)
        curves = [geometry(emotion, i).brow_tilt for i in range(0, 101, 20)]
        assert curves == sorted(curves) or curves == sorted(curves, reverse=True)  # monotone morph
    assert FULL["happy"].mouth_curve > 0 > FULL["sad"].mouth_curve  # smile and frown
    assert FULL["angry"].brow_tilt < 0 < FULL["sad"].brow_tilt  # lowered and raised inner brows
    with pytest.raises(ValueError, match="unknown emotion"):
        geometry("disgusted", 50)


def test_the_schematic_plan_holds_every_emotion_at_every_intensity_then_the_context_trials() -> None:
    set_id, plan = plan_faces(FacesParams(), random.Random(3))
    identify = [p for p in plan if p.part == "identify"]
    assert set_id == "schematic-v1" and len(identify) == 4 * 5 * 2
    assert {(p.emotion, p.intensity) for p in identify} == {(e, i) for e in EMOTIONS for i in (20, 40, 60, 80, 100)}
    context = plan[len(identify):]
    assert len(context) == 8 and all(p.part == "context" and p.context and p.intensity == 40 for p in context)
    assert plan_faces(FacesParams(), random.Random(3)) == (set_id, plan)


def tiny_png(rgb: tuple[int, int, int], size: int = 16) -> bytes:
    """A square PNG of one colour, encoded here (signature, IHDR, IDAT, IEND; PNG specification, W3C 2003)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_image_set(folder: Path, rows: list[str]) -> Path:
    """A tiny generated image set: one-colour PNG files and labels.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(sorted({row.split(",")[0] for row in rows})):
        (folder / name).write_bytes(tiny_png((40 * n % 256, 120, 200)))
    (folder / "labels.csv").write_text("file,emotion,intensity,context\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_an_image_set_replaces_the_schematic_faces(tmp_path: Path) -> None:
    folder = write_image_set(tmp_path / "set", ["h1.png,happy,80,", "s1.png,sad,40,", "a1.png,angry,60,",
                                                 "u1.png,surprised,100,", "h2.png,happy,30,Sam got the job."])
    set_id, rows = load_image_set(folder, EMOTIONS)
    assert set_id.startswith("images:") and len(rows) == 5
    _, plan = plan_faces(FacesParams(stimulus_dir=str(folder), repeats=2), random.Random(1))
    assert [p.part for p in plan] == ["identify"] * 8 + ["context"]
    assert {p.file for p in plan} == {"h1.png", "s1.png", "a1.png", "u1.png", "h2.png"}
    assert plan[-1].context == "Sam got the job." and plan[-1].intensity == 30


@pytest.mark.parametrize(("rows", "why"), [
    (["missing.png,happy,50,"], "column file"),
    (["h.png,joyful,50,"], "column emotion"),
    (["h.png,happy,150,"], "column intensity"),
    (["h.png,happy,lots,"], "column intensity"),
])
def test_a_bad_image_set_names_the_line_and_column(tmp_path: Path, rows: list[str], why: str) -> None:
    folder = write_image_set(tmp_path / "bad", ["h.png,happy,50,"])
    (folder / "labels.csv").write_text("file,emotion,intensity,context\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(StimulusSetError, match=f"line 2, {why}"):
        load_image_set(folder, EMOTIONS)
    with pytest.raises(StimulusSetError, match="cannot read"):
        load_image_set(tmp_path / "nowhere", EMOTIONS)
