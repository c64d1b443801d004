"""How hiremate.spec trims the one-folder build and describes it; the rules and their reasons stay in the spec.

Qt plugins and translations are filtered after PyInstaller's analysis, which leaves behind the shared libraries only
the dropped plugins linked to (the GTK platform theme alone drags in 33): `sweep_orphan_libraries` removes every
bundled library that no kept binary reaches through the ELF files' DT_NEEDED entries.
"""

from __future__ import annotations

import fnmatch
import os
import struct
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["app_packages", "describe", "is_unused_qt_file", "needed_libraries", "split_entries", "summary_lines",
           "sweep_orphan_libraries"]

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (destination name, source path, type code)

QT_DIR = "PySide6/Qt/"


def app_packages(pyproject: Path) -> list[str]:
    """Our top-level packages: pyproject.toml's [tool.setuptools.packages.find] include, the one list of them."""
    with pyproject.open("rb") as handle:
        include = tomllib.load(handle)["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({pattern.rstrip("*").rstrip(".") for pattern in include})


def is_unused_qt_file(dest: str, kept_plugins: Iterable[str], languages: Iterable[str]) -> bool:
    """True for a Qt plugin not in kept_plugins ("type/file" globs) or a translation of a language not shipped."""
    if dest.startswith(QT_DIR + "plugins/"):
        plugin = dest[len(QT_DIR + "plugins/"):]
        return not any(fnmatch.fnmatch(plugin, pattern) for pattern in kept_plugins)
    if dest.startswith(QT_DIR + "translations/"):
        name = Path(dest).name
        # Qt's English strings are built in; qt_xx.qm is a catalogue of qtbase_xx.qm and the other modules' files
        wanted = {f"{prefix}_{lang}.qm" for lang in languages if lang != "en" for prefix in ("qt", "qtbase")}
        return name not in wanted
    return False


def split_entries(entries: Iterable[Entry], drop: Callable[[str], bool]) -> tuple[list[Entry], list[Entry]]:
    """(kept, dropped): the entries whose destination name drop() refuses, and the others."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in entries:
        (dropped if drop(entry[0]) else kept).append(entry)
    return kept, dropped


def _is_library(entry: Entry) -> bool:
    """A shared library another binary links to (not an extension module, a Qt plugin or libpython)."""
    name = Path(entry[0]).name
    return (entry[2] == "BINARY" and name.startswith("lib") and ".so" in name and "/plugins/" not in entry[0]
            and not name.startswith("libpython"))


def needed_libraries(path: str | Path) -> list[str]:
    """The DT_NEEDED names of an ELF file's dynamic section: the libraries it links to directly."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF":
        return []
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    header = struct.Struct(order + ("16xHHIQQQIHHHHHH" if wide else "16xHHIIIIIHHHHHH"))
    section = struct.Struct(order + ("IIQQQQIIQQ" if wide else "IIIIIIIIII"))
    dyn = struct.Struct(order + ("qQ" if wide else "iI"))
    *_, shoff, _flags, _ehsize, _phentsize, _phnum, shentsize, shnum, _shstrndx = header.unpack_from(data)
    sections = [section.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
    names = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC; its sh_link is the string table the names are in
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, dyn.size):
            tag, value = dyn.unpack_from(data, at)
            if tag == 0:  # DT_NULL ends the table
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strings + value)
                names.append(data[strings + value:end].decode())
    return names


def sweep_orphan_libraries(binaries: list[Entry], datas: list[Entry], from_system: Iterable[str] = ()
                           ) -> tuple[list[Entry], list[Entry], list[str]]:
    """(binaries, datas, names removed): without the libraries no kept binary reaches, from_system's, their symlinks.

    The walk starts at every binary that is not a plain library (extension modules, Qt plugins, libpython) and follows
    DT_NEEDED through the bundled libraries; a library named in from_system is neither bundled nor followed, so what
    only it needed goes too (the target machine's copy brings its own).
    """
    system = set(from_system)
    libraries = {Path(e[0]).name: e for e in binaries if _is_library(e)}
    reached: set[str] = set()
    todo = [e[1] for e in binaries if e[2] in ("BINARY", "EXTENSION") and not _is_library(e)]
    while todo:
        for name in needed_libraries(todo.pop()):
            if name in libraries and name not in reached and name not in system:
                reached.add(name)
                todo.append(libraries[name][1])
    orphans = {e[0] for name, e in libraries.items() if name not in reached}

    def survives(entry: Entry) -> bool:
        return entry[0] not in orphans and not (entry[2] == "SYMLINK" and entry[1] in orphans)

    return ([e for e in binaries if survives(e)], [e for e in datas if survives(e)],
            sorted(Path(name).name for name in orphans))


def summary_lines(folder: Path, largest: int = 10) -> list[str]:
    """The build's size in MB (10^6 bytes, files only), its file count and its largest files, as log lines."""
    files = [(path.stat().st_size, path) for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    total = sum(size for size, _ in files)
    lines = [f"bundle: {folder}", f"bundle size: {total / 1e6:.1f} MB ({total} bytes) in {len(files)} files",
             f"bundle: the {largest} largest files:"]
    for size, path in sorted(files, key=lambda item: (-item[0], str(item[1])))[:largest]:
        lines.append(f"  {size / 1e6:8.1f} MB  {path.relative_to(folder)}")
    return lines


def describe(title: str, names: Iterable[str]) -> str:
    """One log line listing names under a title."""
    names = sorted(names)
    return f"bundle: {title} ({len(names)}): {', '.join(names) if names else '-'}"


if __name__ == "__main__":  # `python packaging/bundle_tools.py dist/hiremate`: the summary of an existing build
    import sys

    print("\n".join(summary_lines(Path(sys.argv[1] if len(sys.argv) > 1 else os.path.join("dist", "hiremate")))))
