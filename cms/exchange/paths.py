"""Where an import may read attachment files from: only regular files inside the import file's own
folder. An import file comes from outside (another government, a contractor), so its ``path``
values are hostile input: an absolute path, ``..`` or a symlink could turn any file the import
process can read (``/proc/self/environ``, the settings, keys) into a public document.

Refused: empty and absolute paths, any ``..`` part, a symlink anywhere on the way (checked with
``lstat`` per component, and the file is opened with ``O_NOFOLLOW`` so a swap after the check
fails too), and anything that is not a regular file (devices, FIFOs, sockets, folders)."""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from django.utils.translation import gettext


class UnsafePath(ValueError):
    """The reason (Chinese / English) is shown to the importer as ``FILE:LINE: field: reason``."""


def confined_path(raw: str, base_dir: Path | None) -> Path:
    """The file ``raw`` names inside ``base_dir``, after every check above."""
    if base_dir is None:
        raise UnsafePath(gettext("无法确定导入文件所在目录 / no import folder to read attachments from"))
    if not raw or "\x00" in raw or "\\" in raw:
        raise UnsafePath(gettext("文件路径无效 / invalid path: %(path)s") % {"path": repr(raw)})
    relative = PurePosixPath(raw)
    if relative.is_absolute() or raw.startswith("~"):
        raise UnsafePath(gettext("只能使用相对于导入文件的路径 / path must be relative to the import file: %(path)s") % {"path": raw})
    if any(part == ".." for part in relative.parts):
        raise UnsafePath(gettext("路径不能包含 .. / path must not leave the import folder: %(path)s") % {"path": raw})
    base = Path(base_dir).resolve()
    current = base
    for part in relative.parts:
        if part in ("", "."):
            continue
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            raise UnsafePath(gettext("找不到文件 / file not found: %(path)s") % {"path": raw}) from None
        except OSError as exc:
            raise UnsafePath(gettext("无法读取 / cannot read %(path)s: %(error)s") % {"path": raw, "error": exc.strerror}) from None
        if stat.S_ISLNK(mode):
            raise UnsafePath(gettext("不接受符号链接 / symbolic links are refused: %(path)s") % {"path": raw})
    if not stat.S_ISREG(os.lstat(current).st_mode):
        raise UnsafePath(gettext("不是普通文件 / not a regular file: %(path)s") % {"path": raw})
    if base not in current.resolve().parents:
        raise UnsafePath(gettext("路径不能离开导入文件所在目录 / path must stay in the import folder: %(path)s") % {"path": raw})
    return current


def read_confined(path: Path) -> bytes:
    """Read a checked file without following a symlink swapped in since the check."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(gettext("不是普通文件 / not a regular file: %(path)s") % {"path": path.name})
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read()
    finally:
        if fd >= 0:
            os.close(fd)
