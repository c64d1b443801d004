"""The files that put the app on a desktop and start it at login pass their validators; install.sh places them."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

from tests.packaging.frozen import ROOT

PACKAGING = ROOT / "packaging"
DESKTOP_FILES = ("hiremate.desktop", "hiremate-kiosk.desktop")


def _render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", PACKAGING / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", DESKTOP_FILES)
def test_desktop_entries_pass_desktop_file_validate_without_a_remark(name: str) -> None:
    result = subprocess.run(["desktop-file-validate", str(PACKAGING / name)], capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_kiosk_entry_starts_kiosk_mode_again_until_it_is_quit() -> None:
    text = (PACKAGING / "hiremate-kiosk.desktop").read_text()
    assert 'until /opt/hiremate/hiremate run --kiosk; do sleep 2; done' in text


@pytest.fixture
def built_app(tmp_path: Path) -> Path:
    """A stand-in for dist/hiremate/: install.sh copies whatever folder it is given."""
    app = tmp_path / "dist" / "hiremate"
    (app / "_internal").mkdir(parents=True)
    (app / "hiremate").write_text("#!/bin/sh\necho hiremate 0\n")
    (app / "hiremate").chmod(0o755)
    return app


def install(built_app: Path, root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PACKAGING / "install.sh"), "--from", str(built_app), "--root", str(root), *options],
                          capture_output=True, text=True)


def test_install_places_the_app_the_menu_entry_the_icons_the_unit_and_the_command(
        built_app: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    assert install(built_app, root).returncode == 0
    assert (root / "opt/hiremate/hiremate").read_text() == (built_app / "hiremate").read_text()
    assert (root / "usr/local/bin/hiremate").readlink() == Path("/opt/hiremate/hiremate")
    menu_entry = root / "usr/share/applications/hiremate.desktop"
    assert menu_entry.read_text() == (PACKAGING / "hiremate.desktop").read_text()
    assert (root / "etc/systemd/user/hiremate-kiosk.service").is_file()
    for name in ("hiremate-kiosk.desktop", "hiremate-kiosk.service", "INSTALL.md"):
        assert (root / "opt/hiremate/share" / name).is_file(), name
    assert (root / "usr/share/icons/hicolor/scalable/apps/hiremate.svg").is_file()
    assert len(list((root / "usr/share/icons/hicolor").glob("*x*/apps/hiremate.png"))) == 8


def test_install_with_another_prefix_names_it_in_every_file(built_app: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    assert install(built_app, root, "--prefix", "/srv/station").returncode == 0
    for path in (root / "usr/share/applications/hiremate.desktop", root / "etc/systemd/user/hiremate-kiosk.service",
                 root / "srv/station/share/hiremate-kiosk.desktop"):
        text = path.read_text()
        assert "/srv/station/hiremate" in text and "/opt/hiremate" not in text, path


def test_install_refuses_without_a_build_or_with_a_relative_prefix(built_app: Path, tmp_path: Path) -> None:
    missing = install(tmp_path / "nothing", tmp_path / "root")
    assert missing.returncode == 1 and "make package" in missing.stderr
    relative = install(built_app, tmp_path / "root", "--prefix", "opt/hiremate")
    assert relative.returncode == 2 and "absolute" in relative.stderr
    assert not (tmp_path / "root").exists()


def test_the_installed_unit_passes_systemd_analyze_verify(built_app: Path, tmp_path: Path) -> None:
    """systemd's own check: sections, keys, and that ExecStartPre/ExecStart name an executable."""
    unit = tmp_path / "hiremate-kiosk.service"  # naming a real executable, as install.sh's --prefix would
    unit.write_text((PACKAGING / "hiremate-kiosk.service").read_text().replace("/opt/hiremate", str(built_app)))
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_png_icons_are_the_svg_rendered_at_their_sizes(tmp_path: Path) -> None:
    render_icons = _render_icons()
    rendered = render_icons.render(icons=tmp_path)
    assert [QImage(str(p)).width() for p in rendered] == list(render_icons.SIZES)
    for size in render_icons.SIZES:
        committed = QImage(str(render_icons.png_path(size)))
        fresh = QImage(str(render_icons.png_path(size, tmp_path)))
        assert (committed.width(), committed.height()) == (size, size)
        assert _largest_channel_difference(committed, fresh) <= 2, f"{size}px: run packaging/render_icons.py"


def _largest_channel_difference(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()), strict=True))


def test_every_packaging_file_install_md_names_exists() -> None:
    named = set(re.findall(r"`(packaging/[\w./-]+)`", (ROOT / "docs" / "INSTALL.md").read_text()))
    assert {"packaging/hiremate-kiosk.service", "packaging/hiremate-kiosk.desktop", "packaging/hiremate.spec"} <= named
    assert [name for name in sorted(named) if not (ROOT / name).exists()] == []
