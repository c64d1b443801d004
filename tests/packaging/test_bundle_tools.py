"""packaging/bundle_tools.py: the package list, the Qt file rules, the ELF reader, the orphan sweep (real files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from tests.packaging.frozen import ROOT, bundle_tools

QT = Path(PySide6.__file__).parent / "Qt"
KEPT = ["platforms/libqxcb.so", "xcbglintegrations/*"]


def readelf_needed(path: Path) -> list[str]:
    """binutils' reading of the same DT_NEEDED entries."""
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


@pytest.mark.parametrize("path", [
    Path(sys.executable).resolve(),
    QT / "lib" / "libQt6Gui.so.6",
    QT / "plugins" / "platforms" / "libqxcb.so",
    Path(PySide6.__file__).parent / "QtCore.abi3.so",
], ids=lambda p: p.name)
def test_needed_libraries_reads_what_readelf_reads(path: Path) -> None:
    assert bundle_tools.needed_libraries(path) == readelf_needed(path)


def test_needed_libraries_of_a_file_that_is_not_elf_is_empty(tmp_path: Path) -> None:
    (tmp_path / "data.toml").write_text("x = 1\n")
    assert bundle_tools.needed_libraries(tmp_path / "data.toml") == []


def test_every_package_of_ours_is_in_the_one_list_the_spec_reads() -> None:
    on_disk = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks"}
    assert set(bundle_tools.app_packages(ROOT / "pyproject.toml")) == on_disk


@pytest.mark.parametrize(("dest", "unused"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/lib/libQt6Gui.so.6", False),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("assets/batteries/default.toml", False),
])
def test_qt_plugins_outside_the_kept_list_and_translations_of_english_only_are_unused(dest: str, unused: bool) -> None:
    assert bundle_tools.is_unused_qt_file(dest, KEPT, ("en",)) is unused


def test_a_language_added_keeps_its_qt_and_qtbase_translations_only() -> None:
    def kept(name: str) -> bool:
        return not bundle_tools.is_unused_qt_file(f"PySide6/Qt/translations/{name}", KEPT, ("en", "de"))

    assert kept("qt_de.qm") and kept("qtbase_de.qm")
    assert not kept("qt_help_de.qm") and not kept("qtbase_fr.qm") and not kept("qtbase_en.qm")


def _entry(relative: str) -> tuple[str, str, str]:
    """A PyInstaller TOC entry for a file of the installed Qt (relative to PySide6/Qt)."""
    return (f"PySide6/Qt/{relative}", str(QT / relative), "BINARY")


def test_the_sweep_drops_libraries_no_kept_binary_reaches_and_their_symlinks() -> None:
    libs = ["libQt6PrintSupport.so.6", "libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6",
            "libQt6DBus.so.6", "libQt6Network.so.6"]
    binaries = [_entry("plugins/printsupport/libcupsprintersupport.so"), *(_entry(f"lib/{name}") for name in libs)]
    datas = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
             ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")]
    kept, kept_datas, removed = bundle_tools.sweep_orphan_libraries(binaries, datas)
    assert removed == ["libQt6Network.so.6"]  # nothing the print plugin needs links to it
    assert [Path(e[0]).name for e in kept_datas] == ["libQt6Core.so.6"]
    assert len(kept) == len(binaries) - 1


def test_the_sweep_leaves_a_library_taken_from_the_system_and_what_only_it_needed() -> None:
    binaries = [_entry("plugins/platforms/libqxcb.so"),
                *(_entry(f"lib/{name}") for name in ("libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"))]
    _, _, removed = bundle_tools.sweep_orphan_libraries(binaries, [], from_system=["libQt6XcbQpa.so.6"])
    assert removed == ["libQt6XcbQpa.so.6"]  # Gui and Core stay: the plugin links to them itself


def test_the_summary_gives_size_count_and_largest_files_first(tmp_path: Path) -> None:
    for name, size in (("a.so", 3_000_000), ("b/c.so", 1_500_000), ("d.txt", 10)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    (tmp_path / "link.so").symlink_to(tmp_path / "a.so")  # a symlink takes no room
    lines = bundle_tools.summary_lines(tmp_path, largest=2)
    assert lines[1] == "bundle size: 4.5 MB (4500010 bytes) in 3 files"
    assert [line.split()[-1] for line in lines[3:]] == ["a.so", "b/c.so"]
