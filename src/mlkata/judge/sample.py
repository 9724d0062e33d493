"""Known mistakes' outputs kept small: a big array is kept as a sample of its positions.

A diagnosis compares the candidate's output with what each known mistake outputs on the same
case. Keeping every mistake's whole output makes the signatures of a problem with a 100k-class
or 12k-token case tens of megabytes, too much to ship with mlkata. So an array of more than
``LIMIT`` numbers is kept as a :class:`Sample`: its shape, its dtype, and its values at
``SAMPLE`` fixed positions — half where the mistake is furthest from the expected output
(what makes it *that* mistake), half spread at random (that it is the same elsewhere). The
candidate's output is cut at the same positions before the usual comparison, so a sampled
signature matches exactly when the whole one would on every kept position.

Whether the mistake fails the case is decided on its whole output when the signature is made
(``fails``), never on a sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mlkata.judge.codec import TensorBox

LIMIT = 16384   # numbers: an array with more is sampled
SAMPLE = 4096   # positions kept: half by deviation from the expected output, half at random


@dataclass
class Sample:
    shape: tuple
    dtype: str
    index: Any      # numpy int64 array: sorted flat positions
    values: Any     # numpy array: the output at those positions


def _positions(array: np.ndarray, expected: Any) -> np.ndarray:
    size = array.size
    spread = np.random.default_rng(size).choice(size, SAMPLE // 2, replace=False)
    far = np.empty(0, dtype=np.int64)
    if isinstance(expected, np.ndarray) and expected.shape == array.shape and array.dtype.kind in "fc":
        with np.errstate(invalid="ignore", over="ignore"):
            dev = np.abs(array.astype(np.float64).ravel() - expected.astype(np.float64).ravel())
        dev = np.where(np.isnan(dev), np.inf, dev)
        far = np.argpartition(-dev, SAMPLE // 2)[:SAMPLE // 2]
    return np.unique(np.concatenate([spread, far]).astype(np.int64))


def shrink(value: Any, expected: Any = None) -> Any:
    """`value` with every array of more than LIMIT numbers replaced by a Sample."""
    if isinstance(value, TensorBox):
        exp = expected.array if isinstance(expected, TensorBox) else None
        grad = shrink(value.grad, expected.grad if isinstance(expected, TensorBox) else None) if value.grad is not None else None
        return TensorBox(shrink(value.array, exp), value.dtype, value.requires_grad, grad)
    if isinstance(value, np.ndarray) and value.size > LIMIT:
        idx = _positions(value, expected)
        return Sample(tuple(value.shape), str(value.dtype), idx, value.ravel()[idx].copy())
    if isinstance(value, (list, tuple)):
        exp = expected if isinstance(expected, (list, tuple)) and len(expected) == len(value) else [None] * len(value)
        return type(value)(shrink(v, e) for v, e in zip(value, exp))
    if isinstance(value, dict):
        exp = expected if isinstance(expected, dict) else {}
        return {k: shrink(v, exp.get(k)) for k, v in value.items()}
    return value


def sampled(value: Any) -> bool:
    if isinstance(value, Sample):
        return True
    if isinstance(value, TensorBox):
        return sampled(value.array) or sampled(value.grad)
    if isinstance(value, (list, tuple)):
        return any(sampled(v) for v in value)
    if isinstance(value, dict):
        return any(sampled(v) for v in value.values())
    return False


class _Mismatch(Exception):
    pass


def _cut(sig: Any, got: Any) -> tuple[Any, Any]:
    if isinstance(sig, Sample):
        if not isinstance(got, np.ndarray) or tuple(got.shape) != sig.shape or str(got.dtype) != sig.dtype:
            raise _Mismatch
        return sig.values, got.ravel()[sig.index]
    if isinstance(sig, TensorBox):
        if not isinstance(got, TensorBox):
            raise _Mismatch
        a, b = _cut(sig.array, got.array)
        ga, gb = (_cut(sig.grad, got.grad) if sig.grad is not None and got.grad is not None else (sig.grad, got.grad))
        return TensorBox(a, sig.dtype, sig.requires_grad, ga), TensorBox(b, got.dtype, got.requires_grad, gb)
    if isinstance(sig, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(sig):
            raise _Mismatch
        pairs = [_cut(s, g) for s, g in zip(sig, got)]
        return type(sig)(p[0] for p in pairs), type(got)(p[1] for p in pairs)
    if isinstance(sig, dict):
        if not isinstance(got, dict) or set(got) != set(sig):
            raise _Mismatch
        pairs = {k: _cut(v, got[k]) for k, v in sig.items()}
        return {k: p[0] for k, p in pairs.items()}, {k: p[1] for k, p in pairs.items()}
    return sig, got


def align(sig: Any, got: Any) -> tuple[Any, Any] | None:
    """The signature and the candidate's output at the signature's kept positions, ready for
    the usual comparison; None when their shapes or dtypes differ (then they cannot match)."""
    if not sampled(sig):
        return sig, got
    try:
        return _cut(sig, got)
    except _Mismatch:
        return None
