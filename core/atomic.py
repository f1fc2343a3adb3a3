"""Atomic writes: a reader sees the old file or the new one, never half of one.

Only a regular file (or a path that does not exist yet) is replaced by a rename. A device,
FIFO or socket (`--out /dev/null`, `--out /dev/stdout`, a named pipe) is written in place:
renaming over it would replace `/dev/null` with a regular file. A symbolic link is
followed, so the link stays and its target is replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def is_special_file(path: str | Path) -> bool:
    """True for an existing path that is not a regular file or a directory (a device, FIFO...)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it over `path` on success."""
    path = Path(path)
    binary = "b" in mode
    text_kwargs = {} if binary else {"encoding": encoding, "newline": ""}
    if is_special_file(path):
        with open(path, mode, **text_kwargs) as fh:
            yield fh
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **text_kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            keep = stat.S_IMODE(os.stat(path).st_mode)  # an existing file keeps its permissions
        except OSError:
            keep = _FILE_MODE
        os.chmod(tmp, keep)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
