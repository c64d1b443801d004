"""The frozen app the packaging tests run: built by packaging/build.sh, reused while nothing it packages changes.

A build is kept in .cache/package/<key>/ (the app in hiremate/, the build's log in build.log). The key hashes what goes
into it: every file of our packages (pyproject's list), of packaging/ and pyproject.toml, committed or not, with the
Python version and every installed distribution's version. Any change there builds anew (47 to 105 s on the shared
2-core machine); a change to tests or docs reuses the build. Only the newest build is kept.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "package"


def _load_bundle_tools() -> ModuleType:
    """packaging/bundle_tools.py, loaded by path (packaging/ is no package: it would shadow PyPI's `packaging`)."""
    spec = importlib.util.spec_from_file_location("bundle_tools", ROOT / "packaging" / "bundle_tools.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_tools = _load_bundle_tools()

__all__ = ["CACHE", "ROOT", "Build", "build_key", "bundle_tools", "frozen_build", "package_inputs"]


class Build:
    """A finished build: its folder, the app's executable and the build's log."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.app_dir = folder / "hiremate"
        self.executable = self.app_dir / "hiremate"
        self.log = (folder / "build.log").read_text()


def package_inputs(root: Path = ROOT) -> Iterator[Path]:
    """Every file the build reads from this checkout, in a stable order."""
    folders = [root / name for name in bundle_tools.app_packages(root / "pyproject.toml")] + [root / "packaging"]
    yield root / "pyproject.toml"
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path


def build_key(root: Path = ROOT) -> str:
    """A digest of the build's inputs: our files' contents, Python's version, the installed distributions."""
    digest = hashlib.sha256(sys.version.encode())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    for path in package_inputs(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def frozen_build() -> Build:
    """The build for this checkout's current contents: reused from the cache, or built now (under a lock)."""
    key = build_key()
    folder = CACHE / key
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time, even from two test runs
        if not (folder / "build.log").is_file():
            _build(folder)
    return Build(folder)


def _build(folder: Path) -> None:
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    env = dict(os.environ, HIREMATE_BUILD_WORK=str(CACHE / "work"))
    result = subprocess.run([str(ROOT / "packaging" / "build.sh"), str(partial)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"packaging/build.sh failed ({result.returncode}):\n{log[-4000:]}")
    (partial / "build.log").write_text(log)
    for old in CACHE.iterdir():  # earlier builds: only the newest is kept
        if old.is_dir() and old != partial:
            shutil.rmtree(old, ignore_errors=True)
    partial.rename(folder)
