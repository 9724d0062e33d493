"""Expected values computed while the submission runs.

A case generator gives an expected value that is costly to compute (an oracle in float64
over a long sequence) as ``Deferred(oracle, *args)`` instead of the value. When a check has to
run the generator (the first check of a problem whose cases are too large to ship), the judge
starts the run as soon as the inputs exist and computes these values in a thread of its own
process meanwhile; the self-check and ``mlkata start``'s background preparation compute them
at once. Nothing that reads a :class:`~mlkata.judge.core.CaseSet` after
:meth:`~mlkata.judge.core.CaseSet.complete` ever sees one, and none is ever stored: this module
is not part of the stored formats (mlkata.judge.shipped hashes spec, codec and sample).
"""

from __future__ import annotations

from typing import Any


class Deferred:
    """An expected value to be computed later by ``fn(*args, **kwargs)`` in the judge's process.

    The arguments are held as given (tensors included) until then; the generator must not
    modify them afterwards."""

    __slots__ = ("fn", "args", "kwargs")

    def __init__(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        if not callable(fn):
            raise TypeError(f"Deferred needs a callable, not {type(fn).__name__}")
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def compute(self) -> Any:
        return self.fn(*self.args, **self.kwargs)

    def __reduce__(self) -> Any:  # never pickled, stored or sent to a sandbox
        raise TypeError("a Deferred expected value must be computed before it is stored")

    def __repr__(self) -> str:
        return f"Deferred({getattr(self.fn, '__name__', self.fn)!s}, ...)"
