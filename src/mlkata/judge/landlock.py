"""Landlock: what files a submission may read and write, and whom it may signal.

The sandbox child runs as the user (often root in a container), so file permissions do not
stop it. Landlock (Linux >= 5.13, no privilege needed) lets a process give up rights for
itself and everything it starts. :func:`restrict` keeps:

* reading and executing only beneath the paths given (the interpreter, its packages, system
  libraries, /proc and /sys, the run directory): the user's home, SSH keys, progress database
  and mlkata's caches are out of reach;
* writing, creating, removing, renaming or truncating only beneath the run directory, plus
  writing to ``/dev/null``;
* (ABI >= 4) no TCP bind or connect; (ABI >= 5) no ioctl on devices opened from now on;
  (ABI >= 6) no signal to, and no abstract Unix socket of, a process outside the sandbox
  (the judge, the warm worker, the user's shell).

Where the kernel has no Landlock, :func:`restrict` returns 0 and nothing changes; the judge
reports that layer as missing (``mlkata doctor``).
"""

from __future__ import annotations

import ctypes
import os
import platform
import stat
import struct

_SYS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}  # create_ruleset, add_rule, restrict_self
_PR_SET_NO_NEW_PRIVS = 38
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1

EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
REMOVE_DIR = 1 << 4
REMOVE_FILE = 1 << 5
MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = (1 << i for i in range(6, 13))
REFER = 1 << 13      # ABI 2
TRUNCATE = 1 << 14   # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # what a rule on a file may hold
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


def _read_rights() -> int:
    return EXECUTE | READ_FILE | READ_DIR


def restrict(writable: list[str], readable: list[str] | None = None) -> int:
    """Restrict this process (and its future children and threads) as described above; with
    `readable` None, reading stays unrestricted. Returns the ABI in force (0: not restricted)."""
    abi = abi_version()
    if abi < 1:
        return 0
    create, add_rule, restrict_self = _SYS[platform.machine()]
    libc = ctypes.CDLL(None, use_errno=True)
    write = _write_rights(abi)
    read = _read_rights() if readable is not None else 0
    handled = write | read | (IOCTL_DEV if abi >= 5 else 0)
    net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0
    if abi >= 6:
        attr = struct.pack("=QQQ", handled, net, scoped)
    elif abi >= 4:
        attr = struct.pack("=QQ", handled, net)
    else:
        attr = struct.pack("=Q", handled)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(create, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    rules: dict[str, int] = {}
    for path in readable or ():
        rules[path] = rules.get(path, 0) | read
    for path in writable:
        rules[path] = rules.get(path, 0) | write | read | (IOCTL_DEV if abi >= 5 and path.startswith("/dev/") else 0)
    try:
        for path, rights in rules.items():
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not stat.S_ISDIR(os.fstat(fd).st_mode):
                    rights &= FILE_RIGHTS
                rights &= handled
                if not rights:
                    continue
                rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, fd), 12)
                libc.syscall(add_rule, ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), rule, ctypes.c_uint32(0))
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        return abi if libc.syscall(restrict_self, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0 else 0
    finally:
        os.close(ruleset)
