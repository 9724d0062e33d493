"""Files written on the user's request (a PNG of the plots, an Anki package): all or nothing.

``atomic_output(path)`` hands the writer a temporary file beside ``path`` and renames it over
``path`` only when the writer returned: a full disk, a missing folder or a crash never leaves a
half-written file, and an older file at ``path`` stays as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mlkata.store.errors import StoreError, os_error


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(path: Path | str, what: str = "the file", suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on any error it is removed.

    ``suffix`` is the temporary file's ending (writers such as matplotlib choose the format from
    it); by default ``path``'s own. OSErrors, from making the temporary file to the rename, become
    one StoreError naming ``path``. An existing ``path`` that is not a regular file (a terminal,
    a pipe, /dev/stdout) is written in place: renaming over it would replace the device. A
    symbolic link is followed: its target is replaced, the link stays.
    """
    path = Path(path)
    if path.is_symlink():  # write what the link points to; the link stays
        path = Path(os.path.realpath(path))
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise os_error(exc, path, what) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise StoreError(f"cannot write {what} {path}: it is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            yield path
        except OSError as exc:
            raise os_error(exc, path, what) from None
        return
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix or path.suffix)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else _default_mode())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise os_error(exc, path, what) from None
    except sqlite3.OperationalError as exc:  # a writer's own temporary database (genanki) on a full disk
        raise StoreError(f"cannot write {what} {path}: {exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
