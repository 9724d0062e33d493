"""One error type for everything that goes wrong with the user's storage.

The progress database, the home/cache/workspace folders and the files mlkata writes on request
(a PNG of the plots, an Anki package) fail for reasons of the machine, not of mlkata: a full
disk, a read-only file, another program holding a lock, a path that is a file. Each becomes a
``StoreError`` whose text is one line saying what happened, to which path, and what to do; the
CLI prints that line and exits with status 1 (see ``mlkata.cli.main``).

Errors that mean a bug in mlkata (a missing column, a constraint violated) are not translated:
they keep their traceback.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A storage failure, described in one line for the user."""


# SQLite primary result codes that describe the machine, not the program
# (https://www.sqlite.org/rescode.html); the extended code's low byte is the primary one.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_NOMEM, _SQLITE_READONLY = 3, 5, 6, 7, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    return None if code is None else code & 0xFF


def sqlite_error(exc: sqlite3.Error, path: Path | str) -> StoreError | None:
    """The StoreError for an SQLite failure of the machine at ``path``, or None for a bug."""
    code = _code(exc)
    db = f"the progress database {path}"
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(f"{db} is locked by another program (another mlkata still writing?); "
                          "nothing was changed: try again when it is done")
    if code == _SQLITE_READONLY:
        return StoreError(f"{db} is read-only; nothing was changed: make the file and its folder "
                          "writable, or set MLKATA_HOME to a writable folder")
    if code == _SQLITE_FULL:
        return StoreError(f"the disk holding {db} is full; nothing was changed: free some space and try again")
    if code == _SQLITE_IOERR:
        return StoreError(f"cannot write {db} ({exc}: the disk may be full, failing or over a file-size "
                          "limit); nothing was changed")
    if code in (_SQLITE_NOTADB, _SQLITE_CORRUPT):
        what = "is not an SQLite database" if code == _SQLITE_NOTADB else "is corrupt"
        return StoreError(f"{db} {what} (damaged or overwritten?); mlkata left it untouched: move it aside "
                          "(keep it, it may hold your history) to start a new one, or set MLKATA_HOME to another folder")
    if code in (_SQLITE_CANTOPEN, _SQLITE_PERM):
        return StoreError(f"cannot open {db} ({exc}): check that it is a file and that you may read and "
                          "write it and its folder, or set MLKATA_HOME to another folder")
    if code == _SQLITE_NOMEM:
        return StoreError(f"out of memory while using {db}; nothing was changed")
    return None


def os_error(exc: OSError, path: Path | str | None, what: str, verb: str = "write") -> StoreError:
    """The StoreError for an OSError met while making or writing ``path`` (``what`` names it).

    ``path`` None (a write to an open file failed): the message names no file."""
    code = exc.errno
    path = None if path is None else Path(path)
    if code in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full (or over quota)"
    elif code == errno.EFBIG:
        why = "the file is over a size limit"
    elif code in (errno.EACCES, errno.EPERM):
        why = "permission denied"
    elif code == errno.EROFS:
        why = "the file system is read-only"
    elif code == errno.EEXIST:
        why = "it exists and is not a folder"
    elif code == errno.ENOTDIR:
        why = "a part of that path is a file, not a folder"
    elif code == errno.ENOENT and path is not None:
        why = "it does not exist" if path.parent.is_dir() else f"the folder {path.parent} does not exist"
    elif code == errno.EISDIR:
        why = "it is a folder"
    else:
        why = exc.strerror or str(exc)
    return StoreError(f"cannot {verb} {what}{'' if path is None else f' {path}'}: {why}")
