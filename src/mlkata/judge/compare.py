"""Comparing an output with its expected value: type, shape, dtype, finiteness, values.

``compare(expected, got, tol)`` returns None when they agree, else a message that names the
worst element (index, expected, got, absolute and relative error, the tolerance).
Values are compared as ``|got - expected| <= atol + rtol * |expected|`` in float64.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from mlkata.judge.codec import ModuleBox, TensorBox


def _kind(x: Any) -> str:
    if isinstance(x, TensorBox):
        return f"torch.Tensor (dtype {x.dtype}, shape {tuple(x.array.shape)})"
    if isinstance(x, np.ndarray):
        return f"numpy.ndarray (dtype {x.dtype}, shape {x.shape})"
    if isinstance(x, ModuleBox):
        return x.type_name
    return type(x).__name__


def _is_scalar_like(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, (numbers.Number, np.generic)):
        return True
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return True
    if isinstance(x, TensorBox) and x.array.ndim == 0:
        return True
    return False


def _scalar_value(x: Any) -> Any:
    if isinstance(x, TensorBox):
        return x.array.item()
    if isinstance(x, (np.ndarray, np.generic)):
        return x.item()
    return x


def _r(v: Any, limit: int = 300) -> str:
    """repr for a message: bounded, and never raising (an int of 10**100000 digits cannot be
    converted to text under Python's default limit)."""
    try:
        text = repr(v)
    except ValueError:
        if isinstance(v, int):
            return f"an integer of about {int(v.bit_length() * 0.30103) + 1} digits"
        return f"a {type(v).__name__} that cannot be shown"
    return text if len(text) <= limit else text[: limit - 20] + f"... ({len(text)} characters)"


def fmt_pair(a: Any, b: Any) -> tuple[str, str]:
    """Two different numbers shown with enough digits to look different (1.0000001 vs 1, not 1 vs 1)."""
    if not (isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating))):
        return fmt(a), fmt(b)
    for digits in (7, 9, 12, 17):
        sa, sb = f"{float(a):.{digits}g}", f"{float(b):.{digits}g}"
        if sa != sb:
            return sa, sb
    return sa, sb


def fmt(v: Any) -> str:
    if isinstance(v, float) or isinstance(v, np.floating):
        return f"{float(v):.7g}"
    if isinstance(v, (np.bool_, np.integer)):
        return repr(v.item())   # True / 3, not np.True_ / np.int64(3)
    return _r(v)


def fmt_pair(e: Any, g: Any) -> tuple[str, str]:
    """Two numbers printed with enough significant digits to tell them apart (7 at least, up
    to 17): "expected 2.465977, got 2.465977" teaches nothing."""
    try:
        ef, gf = float(e), float(g)
    except (TypeError, ValueError):
        return fmt(e), fmt(g)
    if f"{ef:.7g}" != f"{gf:.7g}":
        return f"{ef:.7g}", f"{gf:.7g}"
    for digits in range(8, 18):  # '#' keeps trailing zeros: 1.6590560 next to 1.6590559
        a, b = f"{ef:#.{digits}g}", f"{gf:#.{digits}g}"
        if a != b:
            return a, b
    return f"{ef:#.17g}", f"{gf:#.17g}"


def precision_hint(expected_dtype: Any, rel: float) -> str:
    """A float64 result off by float32 rounding (relative error 1e-11 .. 1e-6) usually has a
    float32 value mixed into its computation: say so."""
    if "float64" in str(expected_dtype) and 1e-11 < rel < 1e-6:
        return (f"; a relative error of {rel:.1e} is float32 rounding (float32 keeps ~7 digits): is a "
                f"float32 value mixed into this float64 computation (a constant made with dtype "
                f"float32, .float(), np.float32, torch.tensor(x) with its float32 default)?")
    return ""


def _dtype_message(where: str, got_dtype: Any, expected_dtype: Any) -> str:
    # "keep the input's dtype" only helps for floating outputs; a boolean mask or an index
    # tensor has its own dtype whatever the inputs were
    hint = " (keep the input's dtype)" if "float" in str(expected_dtype) else ""
    return f"{where}dtype {got_dtype}, expected {expected_dtype}{hint}"


def compare_arrays(expected: np.ndarray, got: np.ndarray, tol: dict, where: str = "") -> str | None:
    """Shape, finiteness pattern and values of two arrays of the same kind."""
    if expected.shape != got.shape:
        return f"{where}shape {got.shape}, expected {expected.shape}"
    if expected.size == 0:
        return None
    if expected.dtype.kind in "biuUSO" or expected.dtype == bool:
        bad = np.argwhere(expected != got)
        if bad.size:
            idx = tuple(int(i) for i in bad[0])
            return (f"{where}{len(bad)} of {expected.size} elements differ; first at index {idx}: "
                    f"expected {fmt(expected[idx])}, got {fmt(got[idx])}")
        return None
    if got.dtype.kind not in "fciub":
        return f"{where}elements of dtype {got.dtype} are not numbers"
    e = np.asarray(expected, dtype=np.complex128 if expected.dtype.kind == "c" else np.float64)
    g = np.asarray(got, dtype=np.complex128 if got.dtype.kind == "c" else np.float64)
    rtol, atol = float(tol.get("rtol", 0.0)), float(tol.get("atol", 0.0))
    # the common case first: every difference finite (so both arrays are: inf - inf is NaN,
    # inf - x is inf) and within tolerance. Anything else takes the detailed path below; the
    # finiteness test matters, since with rtol > 0 an infinite expected value allows anything
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(g - e)
        if np.isfinite(diff).all() and (diff <= atol + rtol * np.abs(e)).all():
            return None
    # finiteness: NaN where NaN is expected, the same infinity where it is expected
    e_nan, g_nan = np.isnan(e), np.isnan(g)
    e_inf, g_inf = np.isinf(e), np.isinf(g)
    bad = (e_nan != g_nan) | (e_inf != g_inf) | (e_inf & g_inf & (np.sign(e.real) != np.sign(g.real)))
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        n = int(bad.sum())
        return (f"{where}{n} of {expected.size} elements are not finite where they should be "
                f"(or the other way round); first at index {idx}: expected {fmt(e[idx])}, got {fmt(g[idx])}")
    finite = ~(e_nan | e_inf)
    # inf - inf where both are the same infinity; 0 · inf in the allowance; overflowing ratios
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(finite, diff, 0.0)
        allowed = atol + rtol * np.abs(e)
        over = np.where(finite, err - allowed, -np.inf)
        if not (over > 0).any():
            return None
        idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(over)), over.shape))
        n = int((over > 0).sum())
        rel = err[idx] / abs(e[idx]) if e[idx] != 0 else float("inf")
    if e.dtype.kind != "c":
        shown_e, shown_g = fmt_pair(e[idx].real, g[idx].real)
    else:
        shown_e, shown_g = fmt(e[idx]), fmt(g[idx])
    return (f"{where}{n} of {expected.size} elements are off; worst at index {idx}: "
            f"expected {shown_e}, got {shown_g} "
            f"(abs error {err[idx]:.3g}, rel error {rel:.3g}; tolerance atol={atol:g}, rtol={rtol:g})"
            + precision_hint(expected.dtype, rel))


def compare(expected: Any, got: Any, tol: dict, where: str = "", check_dtype: bool = True) -> str | None:
    """None when `got` matches `expected`; otherwise a one-line reason."""
    # scalars: a Python float, a NumPy scalar or a 0-d array/tensor all count
    if _is_scalar_like(expected) and not isinstance(expected, (np.ndarray, TensorBox)):
        if not _is_scalar_like(got):
            return f"{where}expected a number, got {_kind(got)}"
        ev, gv = _scalar_value(expected), _scalar_value(got)
        if isinstance(ev, bool) or isinstance(ev, numbers.Integral):
            if not isinstance(gv, numbers.Number) or isinstance(gv, bool) != isinstance(ev, bool):
                return f"{where}expected {_r(ev)}, got {_r(gv)}"
            if isinstance(gv, float) and not float(gv).is_integer():
                return f"{where}expected {_r(ev)}, got {_r(gv)}"
            return None if gv == ev else f"{where}expected {_r(ev)}, got {_r(gv)}"
        return compare_arrays(np.asarray(ev, dtype=np.float64), np.asarray(gv, dtype=np.complex128 if isinstance(gv, complex) else np.float64), tol, where)
    if isinstance(expected, (TensorBox, np.ndarray)) and _is_scalar_like(expected) and _is_scalar_like(got) \
            and not isinstance(got, (TensorBox, np.ndarray)):
        # a 0-d expected value: a Python or NumPy scalar is as good as a 0-d array/tensor
        gv = _scalar_value(got)
        return compare_arrays(np.asarray(_scalar_value(expected), dtype=np.float64), np.asarray(gv, dtype=np.float64), tol, where)
    if isinstance(expected, TensorBox):
        if not isinstance(got, TensorBox):
            return f"{where}expected {_kind(expected)}, got {_kind(got)}"
        if check_dtype and got.dtype != expected.dtype:
            return _dtype_message(where, got.dtype, expected.dtype)
        return compare_arrays(expected.array, got.array, tol, where)
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            return f"{where}expected {_kind(expected)}, got {_kind(got)}"
        if check_dtype and got.dtype != expected.dtype:
            return _dtype_message(where, got.dtype, expected.dtype)
        return compare_arrays(expected, got, tol, where)
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return f"{where}expected a {type(expected).__name__} of {len(expected)}, got {_kind(got)}"
        if len(got) != len(expected):
            return f"{where}expected {len(expected)} items, got {len(got)}"
        for i, (e, g) in enumerate(zip(expected, got)):
            msg = compare(e, g, tol, f"{where}[{i}] ", check_dtype)
            if msg:
                return msg
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{where}expected a dict, got {_kind(got)}"
        missing = [k for k in expected if k not in got]
        if missing:
            return f"{where}missing key {missing[0]!r}"
        for k in expected:
            msg = compare(expected[k], got[k], tol, f"{where}{k}: ", check_dtype)
            if msg:
                return msg
        return None
    if expected is None:
        return None if got is None else f"{where}expected None, got {_kind(got)}"
    return None if got == expected else f"{where}expected {_r(expected)}, got {_r(got)}"


def closeness(expected: Any, got: Any, tol: dict) -> float:
    """How far `got` is from `expected` in units of the tolerance: the largest
    |got - expected| / (atol + rtol·|expected|) over all numbers (0 when identical). Used to
    break ties between known mistakes that both match a submission within tolerance."""
    try:
        if isinstance(expected, TensorBox) and isinstance(got, TensorBox):
            expected, got = expected.array, got.array
        if isinstance(expected, dict) and isinstance(got, dict):
            return max((closeness(v, got.get(k), tol) for k, v in expected.items()), default=0.0)
        if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)) and len(expected) == len(got):
            return max((closeness(e, g, tol) for e, g in zip(expected, got)), default=0.0)
        e = np.asarray(expected, dtype=np.float64)
        g = np.asarray(got, dtype=np.float64)
        if e.shape != g.shape or e.size == 0:
            return 0.0
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            allowed = float(tol.get("atol", 0.0)) + float(tol.get("rtol", 0.0)) * np.abs(e)
            err = np.where(np.isfinite(e) & np.isfinite(g), np.abs(g - e), 0.0)
            ratio = np.where(allowed > 0, err / np.where(allowed > 0, allowed, 1.0), np.where(err > 0, np.inf, 0.0))
        return float(ratio.max())
    except (TypeError, ValueError):
        return 0.0


def summarize(value: Any) -> str:
    """A short description of an input: shapes, dtypes and ranges, never whole arrays."""
    if isinstance(value, TensorBox):
        return f"tensor{list(value.array.shape)} {value.dtype.replace('torch.', '')}{_range(value.array)}"
    if isinstance(value, np.ndarray):
        return f"array{list(value.shape)} {value.dtype}{_range(value)}"
    if isinstance(value, (tuple, list)):
        if len(value) > 6:
            return f"{type(value).__name__} of {len(value)}"
        inner = ", ".join(summarize(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={summarize(v)}" for k, v in list(value.items())[:6]) + "}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _range(a: np.ndarray) -> str:
    if a.size == 0 or a.dtype.kind not in "fiu":
        return ""
    with np.errstate(all="ignore"):
        finite = a[np.isfinite(a)] if a.dtype.kind == "f" else a
        if finite.size == 0:
            return " (no finite values)"
        lo, hi = finite.min(), finite.max()
    return f" in [{fmt(lo)}, {fmt(hi)}]"
