"""sync's public surface: __all__ lists exactly what the package exports, and sync never imports Qt."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import sync


def test_all_names_exist_and_are_sorted() -> None:
    for name in sync.__all__:
        assert hasattr(sync, name), name
    assert sorted(sync.__all__, key=str.casefold) == sorted(set(sync.__all__), key=str.casefold)


def test_every_sync_module_has_a_docstring_and_all() -> None:
    for info in pkgutil.walk_packages(sync.__path__, "sync."):
        module = importlib.import_module(info.name)
        assert module.__doc__ and module.__doc__.strip(), info.name
        assert hasattr(module, "__all__"), info.name


def test_sync_and_receiver_import_without_qt() -> None:
    code = ("import sys; import sync, sync.receiver, sync.worker; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
