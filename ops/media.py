"""Copying uploaded files (documents, images and their renditions, citizens' private attachments)
into and out of a backup,
file by file with progress, keeping times; a file already there with the same size and time is
skipped, so repeating a backup into the same folder only copies what changed."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path


def files_under(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from (path for path in sorted(root.rglob("*")) if path.is_file())


def copy_tree(source: Path, target: Path, progress: Callable[[int, int], None]) -> int:
    """Copy every file of ``source`` into ``target``; return how many bytes were copied."""
    files = list(files_under(source))
    copied = 0
    for done, path in enumerate(files, 1):
        destination = target / path.relative_to(source)
        stat = path.stat()
        if destination.exists():
            existing = destination.stat()
            if existing.st_size == stat.st_size and int(existing.st_mtime) == int(stat.st_mtime):
                progress(done, len(files))
                continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied += stat.st_size
        progress(done, len(files))
    if not files:
        progress(0, 0)
    return copied


def file_roots() -> dict[str, Path]:
    """Folder name in a backup -> the folder on this installation (``OPS_BACKUP_FILE_ROOTS``)."""
    from django.conf import settings

    return {name: Path(getattr(settings, setting)) for name, setting in settings.OPS_BACKUP_FILE_ROOTS.items()
            if getattr(settings, setting, None)}
