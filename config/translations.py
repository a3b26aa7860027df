"""The translation catalogues: refresh them from the marked strings, fill the source language,
compile, and say what is still untranslated. ``scripts/translations`` is the command line.

Chinese (zh-hans) is the source: msgids are the Chinese text written in the code and templates,
so the zh_Hans catalogue maps each msgid to itself (filled here, never by hand) and English is the
one that needs a translator. Both are complete when no entry is empty or fuzzy.

The compiled ``.mo`` files are committed next to the ``.po`` files (this module writes them with
polib, so no GNU gettext is needed to *run* the site; extracting with ``makemessages`` does need
``xgettext``). A test compares a fresh extraction with the committed catalogues, so a string
marked after the last refresh fails the suite until the catalogues are refreshed and translated.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LOCALE = "zh_Hans"
LOCALES = ("zh_Hans", "en")
DOMAIN = "django"
# Folders that hold no user-facing strings of ours (makemessages already skips dot-folders).
IGNORE = ("var", "node_modules", "tests", "bench", "services-cache", "locale", "scripts", "static")
SOURCE_SUFFIXES = (".py", ".html", ".txt")


def po_path(locale: str, root: Path = ROOT) -> Path:
    return root / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Problem:
    locale: str
    msgid: str
    kind: str  # "untranslated", "fuzzy", "missing" (marked in the code, absent from the catalogue), "stale_mo"

    def __str__(self) -> str:
        return f"{self.locale}: {self.kind}: {self.msgid!r}"


def makemessages(root: Path) -> None:
    """Run Django's makemessages for every locale in ``root`` (which has ``manage.py``)."""
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--add-location=file", "-v", "0",
               *(f"--locale={locale}" for locale in LOCALES), *(f"--ignore={name}" for name in IGNORE)]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "VAR_DIR": str(root / "var")}
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"makemessages failed:\n{result.stdout}\n{result.stderr}")


def fill_source(po: polib.POFile) -> int:
    """In the source language every msgstr is its msgid; returns how many were filled."""
    filled = 0
    for entry in po:
        if entry.msgid_plural:
            wanted = {0: entry.msgid_plural}  # Chinese has one plural form
            if entry.msgstr_plural != wanted:
                entry.msgstr_plural, filled = wanted, filled + 1
        elif entry.msgstr != entry.msgid:
            entry.msgstr, filled = entry.msgid, filled + 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    return filled


def compile_catalogue(po_file: Path) -> Path:
    mo_file = po_file.with_suffix(".mo")
    polib.pofile(str(po_file)).save_as_mofile(str(mo_file))
    return mo_file


def problems_in(locale: str, root: Path = ROOT) -> list[Problem]:
    """Empty and fuzzy entries of one catalogue, and a .mo that does not match its .po."""
    path = po_path(locale, root)
    po = polib.pofile(str(path))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(Problem(locale, entry.msgid, "fuzzy"))
        elif not entry.translated():
            found.append(Problem(locale, entry.msgid, "untranslated"))
    mo_path = path.with_suffix(".mo")
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))} if mo_path.exists() else {}
    for entry in po.translated_entries():
        if not entry.msgid_plural and compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr:
            found.append(Problem(locale, entry.msgid, "stale_mo"))
            break
    return found


def extracted_msgids(root: Path = ROOT) -> set[tuple[str | None, str]]:
    """Every marked string in the source now, extracted into a scratch copy (the catalogues here
    are not touched)."""
    with tempfile.TemporaryDirectory(prefix="i18n-") as scratch:
        copy = Path(scratch) / "src"
        shutil.copytree(root, copy, ignore=_copy_ignore(root))
        makemessages(copy)
        po = polib.pofile(str(po_path(SOURCE_LOCALE, copy)))
        return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def _copy_ignore(root: Path):
    def ignore(directory: str, names: list[str]) -> set[str]:
        here = Path(directory)
        skipped = set()
        for name in names:
            path = here / name
            if name.startswith(".") or (path.is_dir() and here == root and name in IGNORE):
                skipped.add(name)
            elif path.is_file() and not name.endswith(SOURCE_SUFFIXES):
                skipped.add(name)
        return skipped

    return ignore


def missing_from_catalogues(root: Path = ROOT) -> list[Problem]:
    marked = extracted_msgids(root)
    found = []
    for locale in LOCALES:
        catalogued = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path(locale, root))) if not e.obsolete}
        found += [Problem(locale, msgid, "missing") for _ctx, msgid in sorted(marked - catalogued, key=lambda k: k[1])]
    return found


def refresh(root: Path = ROOT) -> list[Problem]:
    """makemessages, fill zh_Hans, compile both; return what English (or anything) still lacks."""
    makemessages(root)
    source = polib.pofile(str(po_path(SOURCE_LOCALE, root)))
    fill_source(source)
    source.save()
    for locale in LOCALES:
        compile_catalogue(po_path(locale, root))
    return [problem for locale in LOCALES for problem in problems_in(locale, root)]


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="scripts/translations", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is missing or untranslated")
    args = parser.parse_args(argv)
    if args.check:
        problems = missing_from_catalogues() + [p for locale in LOCALES for p in problems_in(locale)]
    else:
        problems = refresh()
        print(f"catalogues refreshed and compiled: {', '.join(str(po_path(l).relative_to(ROOT)) for l in LOCALES)}")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "every marked string is translated in every language")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
