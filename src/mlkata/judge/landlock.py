"""Landlock: keep a submission from writing outside its run directory or signalling the judge.

The sandbox child runs as the user (often root in a container), so file permissions do not
stop it: a submission could find ``MLKATA_HOME`` in its parent's ``/proc/<pid>/environ`` (or
the default data directory) and overwrite the progress database, or rewrite the case cache,
which the judge unpickles as trusted data. Landlock (Linux >= 5.13, no privilege needed) lets
a process give up rights for itself and everything it starts:

* writing, creating, removing, renaming or truncating files is allowed only beneath the run's
  own directory (its cwd, ``HOME`` and ``TMPDIR``) and ``/dev`` (``/dev/null``, the
  ``/dev/shm`` semaphores of ``multiprocessing``); reading stays unrestricted;
* with ABI >= 6, signals to processes outside the sandbox (the judge, the warm worker) and
  connections to abstract Unix sockets outside it are refused.

Where the kernel has no Landlock, :func:`restrict` returns False and nothing changes.
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct

_SYS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}  # create_ruleset, add_rule, restrict_self
_PR_SET_NO_NEW_PRIVS = 38
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1

WRITE_FILE = 1 << 1
REMOVE_DIR = 1 << 4
REMOVE_FILE = 1 << 5
MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = (1 << i for i in range(6, 13))
REFER = 1 << 13      # ABI 2
TRUNCATE = 1 << 14   # ABI 3
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1                # ABI 6


def _write_rights(abi: int) -> int:
    rights = (WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG | MAKE_SOCK
              | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM)
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    return rights


def abi_version() -> int:
    """The kernel's Landlock ABI version, 0 when unavailable."""
    nums = _SYS.get(platform.machine())
    if nums is None:
        return 0
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        v = libc.syscall(nums[0], None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(v), 0)


def restrict(writable: list[str]) -> bool:
    """Restrict this process (and its future children and threads) as described above.
    True when the restriction is in force."""
    abi = abi_version()
    if abi < 1:
        return False
    create, add_rule, restrict_self = _SYS[platform.machine()]
    libc = ctypes.CDLL(None, use_errno=True)
    rights = _write_rights(abi)
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    attr = struct.pack("=QQQ", rights, 0, scoped) if abi >= 6 else struct.pack("=Q", rights)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(create, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:
        for path in writable:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, fd), 12)
                libc.syscall(add_rule, ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), rule, ctypes.c_uint32(0))
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.syscall(restrict_self, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)
