"""Moving values between the judge and the sandbox without trusting the sandbox.

Tensors travel as :class:`TensorBox` (a NumPy array plus the torch dtype name), so the
judge compares with NumPy only and never needs to import torch for a cached problem.
Messages from the sandbox are unpickled with an allow-list: a submission cannot make the
judge run code by sending a crafted pickle.
"""

from __future__ import annotations

import io
import pickle
import struct
import sys
from dataclasses import dataclass
from typing import Any


@dataclass
class TensorBox:
    array: Any          # numpy.ndarray (bfloat16 stored as float32)
    dtype: str          # e.g. "torch.float32"
    requires_grad: bool = False
    grad: Any = None    # TensorBox of the gradient, when asked for

    @property
    def shape(self) -> tuple:
        return tuple(self.array.shape)


@dataclass
class ModuleBox:
    """What the sandbox reports for an object that is not plain data."""

    type_name: str


def encode(obj: Any, with_grad: bool = False) -> Any:
    """Replace tensors by TensorBoxes, recursively (sandbox side, or generator side)."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(obj, torch.Tensor):
        t = obj.detach()
        dtype = str(t.dtype)
        if t.dtype == torch.bfloat16:
            t = t.float()
        if t.is_complex() or t.dtype in (torch.float16, torch.float32, torch.float64) or not t.is_floating_point():
            pass
        array = t.cpu().contiguous().numpy().copy() if t.layout == torch.strided else t.to_dense().numpy().copy()
        grad = None
        if with_grad and obj.grad is not None:
            grad = encode(obj.grad)
        return TensorBox(array, dtype, bool(obj.requires_grad), grad)
    if isinstance(obj, tuple):
        return tuple(encode(o, with_grad) for o in obj)
    if isinstance(obj, list):
        return [encode(o, with_grad) for o in obj]
    if isinstance(obj, dict):
        return {k: encode(v, with_grad) for k, v in obj.items()}
    return obj


def decode(obj: Any) -> Any:
    """Turn TensorBoxes back into tensors (sandbox side: torch is imported there)."""
    if isinstance(obj, TensorBox):
        import torch

        dtype = getattr(torch, obj.dtype.split(".", 1)[1])
        t = torch.from_numpy(obj.array.copy()).to(dtype)
        if obj.requires_grad:
            t.requires_grad_(True)
        return t
    if isinstance(obj, tuple):
        return tuple(decode(o) for o in obj)
    if isinstance(obj, list):
        return [decode(o) for o in obj]
    if isinstance(obj, dict):
        return {k: decode(v) for k, v in obj.items()}
    return obj


_ALLOWED = {
    ("builtins", name)
    for name in ("complex", "set", "frozenset", "slice", "range", "bytearray", "int", "float", "bool", "str", "bytes", "list", "tuple", "dict")
} | {
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy", "bool_"),
    ("collections", "OrderedDict"),
    (__name__, "TensorBox"),
    (__name__, "ModuleBox"),
}


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or (module == "numpy" and name.startswith("dtypes")) or module == "numpy.dtypes":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused to unpickle {module}.{name}")


class _CacheUnpickler(_SafeUnpickler):
    """The plain types plus the case record itself (mlkata.judge.spec.Case) and a sampled
    signature (mlkata.judge.sample.Sample): only in files mlkata wrote, never from a run."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in (("mlkata.judge.spec", "Case"), ("mlkata.judge.sample", "Sample")):
            return super(_SafeUnpickler, self).find_class(module, name)
        return super().find_class(module, name)


def safe_loads(data: bytes, cases: bool = False) -> Any:
    return (_CacheUnpickler if cases else _SafeUnpickler)(io.BytesIO(data)).load()


# -- authenticated cache files -----------------------------------------------------------------

_MAGIC = b"MLKC1"


def sealed_dumps(obj: Any, key: bytes) -> bytes:
    """A pickle with an HMAC-SHA256 tag: a cache file the judge wrote, and no one else."""
    import hashlib
    import hmac

    payload = pickle.dumps(obj, protocol=4)
    return _MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload


def sealed_loads(data: bytes, key: bytes) -> Any:
    """The object of :func:`sealed_dumps`; ValueError when the tag does not match (the file
    was changed by someone without the key). Unpickled with an allow-list all the same."""
    import hashlib
    import hmac

    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 32:
        raise ValueError("not a sealed cache file")
    tag, payload = data[len(_MAGIC):len(_MAGIC) + 32], data[len(_MAGIC) + 32:]
    if not hmac.compare_digest(tag, hmac.new(key, payload, hashlib.sha256).digest()):
        raise ValueError("the cache file's tag does not match: it was modified")
    return safe_loads(payload, cases=True)


# -- framing on a pipe: 4-byte big-endian length + pickle ---------------------------------

MAX_MESSAGE = 512 * 1024 * 1024


def write_message(fd: int, obj: Any) -> None:
    import os

    payload = pickle.dumps(obj, protocol=4)
    data = struct.pack(">I", len(payload)) + payload
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def read_exact(stream: Any, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_message(stream: Any, trusted: bool = False) -> Any:
    """Read one framed message; None at end of stream. Raises ValueError on garbage."""
    head = read_exact(stream, 4)
    if head is None:
        return None
    (size,) = struct.unpack(">I", head)
    if size > MAX_MESSAGE:
        raise ValueError(f"message of {size} bytes is too large")
    payload = read_exact(stream, size)
    if payload is None:
        return None
    return pickle.loads(payload) if trusted else safe_loads(payload)
