"""Cases for `attention-masks`. Oracles are independent formulations: torch.triu / torch.tril
bands, torch.block_diag of ones, and NumPy index comparisons; compared exactly (bool)."""

import sys

import numpy as np
import torch

from mlkata.judge.spec import Case


def run_builder(entry, case):
    """Call the builder named in the case (all five live in the candidate's module)."""
    module = sys.modules.get(getattr(entry, "__module__", ""), None)
    name = case.data["fn"]
    fn = getattr(module, name, None) if module is not None else None
    if fn is None:
        raise NameError(f"your file has no function `{name}`")
    return fn(*case.args, **case.kwargs)


def ones(n):
    return torch.ones(n, n, dtype=torch.int64)


def causal_oracle(n):
    return torch.triu(ones(n), diagonal=1).bool()


def padding_oracle(lengths, n):
    lens = np.asarray(lengths)
    return torch.from_numpy(~(np.arange(n)[None, :] < lens[:, None])).reshape(len(lens), 1, 1, n)


def window_oracle(n, window):
    band = torch.tril(ones(n)) - torch.tril(ones(n), diagonal=-window)  # 1 on i - window < j <= i
    return band == 0


def prefix_oracle(n, prefix_len):
    m = torch.triu(ones(n), diagonal=1)
    m[:, :prefix_len] = 0  # prefix columns open to everyone
    return m.bool()


def block_oracle(segment_ids):
    seg = np.asarray(segment_ids)
    if seg.ndim == 2:
        return torch.stack([block_oracle(s) for s in seg])[:, None]
    # contiguous segments: block_diag of all-ones blocks; otherwise an explicit double loop
    change = np.flatnonzero(np.diff(seg)) + 1
    runs = np.split(seg, change)
    if len({int(r[0]) for r in runs}) == len(runs):
        return torch.block_diag(*[ones(len(r)) for r in runs]) == 0
    n = len(seg)
    return torch.tensor([[seg[a] != seg[b] for b in range(n)] for a in range(n)])


def case(name, fn, args, expected, tier="core", why=None):
    return Case(name, args=args, expected=expected, tier=tier, why=why, run="run_builder",
                data={"sandbox": {"fn": fn}, "part": fn},
                summary=f"{fn}({', '.join(repr(a.tolist()) if isinstance(a, torch.Tensor) else repr(a) for a in args)})")


def generate():
    yield case("causal n=5", "causal_mask", (5,), causal_oracle(5),
               why="query i sees keys 0..i, its own position included")
    yield case("padding, lengths [4, 2, 6]", "padding_mask", (torch.tensor([4, 2, 6]), 6), padding_oracle([4, 2, 6], 6),
               why="keys j >= length are padding; shape (B, 1, 1, n) so it broadcasts over heads and queries")
    yield case("sliding window n=7, window=3", "sliding_window_mask", (7, 3), window_oracle(7, 3),
               why="each query sees exactly 3 keys: itself and the 2 before it (fewer at the start)")
    yield case("prefix-LM n=6, prefix 3", "prefix_lm_mask", (6, 3), prefix_oracle(6, 3),
               why="keys 0..2 are visible to every query, prefix queries included; after that, causal "
                   "— a prefix query must not see the suffix")
    yield case("block diagonal [0,0,1,1,1,2]", "block_diagonal_mask", (torch.tensor([0, 0, 1, 1, 1, 2]),),
               block_oracle([0, 0, 1, 1, 1, 2]), why="three packed sequences attend only within themselves")
    segs = torch.tensor([[0, 0, 0, 1, 1], [0, 1, 1, 1, 1]])
    yield case("block diagonal, batch of 2", "block_diagonal_mask", (segs,), block_oracle(segs.numpy()),
               why="(B, N) segment ids give a (B, 1, N, N) mask")
    # -- edge: hardening ---------------------------------------------------------------------
    yield case("causal n=1", "causal_mask", (1,), causal_oracle(1), tier="edge",
               why="a single token sees itself")
    yield case("padding with B == n", "padding_mask", (torch.tensor([3, 1, 0]), 3), padding_oracle([3, 1, 0], 3),
               tier="edge", why="B == n: a (B, n) mask would broadcast silently as (query, key) (errata S4); "
                                "a length of 0 hides every key")
    yield case("window 1", "sliding_window_mask", (4, 1), window_oracle(4, 1), tier="edge",
               why="window = 1: each query sees only itself")
    yield case("window >= n", "sliding_window_mask", (4, 10), window_oracle(4, 10), tier="edge",
               why="a window longer than the sequence is plain causal")
    yield case("prefix 0", "prefix_lm_mask", (5, 0), prefix_oracle(5, 0), tier="edge",
               why="an empty prefix is plain causal")
    yield case("prefix = n", "prefix_lm_mask", (4, 4), prefix_oracle(4, 4), tier="edge",
               why="a prefix covering everything is fully bidirectional (nothing masked)")
    yield case("block diagonal, repeated ids", "block_diagonal_mask", (torch.tensor([0, 1, 0, 2]),),
               block_oracle([0, 1, 0, 2]), tier="edge",
               why="tokens with the same id see each other even when not adjacent: compare ids, not runs")
