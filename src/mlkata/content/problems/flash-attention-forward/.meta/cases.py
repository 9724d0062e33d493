"""Cases for `flash_attention`. Oracle: F.scaled_dot_product_attention in float64, cast to
the input dtype (long sequences: the same oracle one chunk of queries at a time, which is
exact because softmax normalises each query row on its own)."""

import torch
import torch.nn.functional as F

from mlkata.judge.deferred import Deferred
from mlkata.judge.spec import Case


def oracle(Q, K, V, causal=False, chunk=1024):
    q, k, v = (t.double() for t in (Q, K, V))
    if not causal and q.shape[2] <= chunk:
        out = F.scaled_dot_product_attention(q, k, v)
    elif causal and q.shape[2] <= chunk:
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    else:
        parts = []
        for i0 in range(0, q.shape[2], chunk):
            i1 = min(i0 + chunk, q.shape[2])
            mask = None
            if causal:  # SDPA's boolean mask: True = may attend
                mask = torch.arange(k.shape[2]).view(1, -1) <= torch.arange(i0, i1).view(-1, 1)
            parts.append(F.scaled_dot_product_attention(q[:, :, i0:i1], k, v, attn_mask=mask))
        out = torch.cat(parts, dim=2)
    return out.to(Q.dtype)


def run_no_grad(entry, case):
    # one intra-op thread: on a 2-core machine shared by parallel sandboxes, OpenMP workers
    # spin-waiting on busy cores make the long case 10x slower and its time erratic
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        # inference: autograd must not keep every tile alive
        with torch.no_grad():
            return entry(*case.args, **case.kwargs)
    finally:
        torch.set_num_threads(threads)


def qkv(seed, B, h, Nq, Nk, d, d_v=None, dtype=torch.float32, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    Q = torch.randn(B, h, Nq, d, generator=g, dtype=torch.float64) * scale
    K = torch.randn(B, h, Nk, d, generator=g, dtype=torch.float64) * scale
    V = torch.randn(B, h, Nk, d_v or d, generator=g, dtype=torch.float64)
    return Q.to(dtype), K.to(dtype), V.to(dtype)


def case(name, Q, K, V, block_size=64, causal=False, tier="core", why=None, **kw):
    kwargs = {"block_size": block_size, "causal": causal}
    # computed while a first check runs the submission (the long case's oracle takes ~0.4 s)
    return Case(name, args=(Q, K, V), kwargs=kwargs, expected=Deferred(oracle, Q, K, V, causal), tier=tier,
                why=why, run="run_no_grad", **kw)


def generate():
    yield case("small, one tile", *qkv(1, 1, 1, 8, 8, 4, dtype=torch.float64), block_size=64,
               why="everything fits in one tile: plain softmax attention")
    yield case("several tiles float64", *qkv(2, 2, 3, 50, 50, 8, dtype=torch.float64), block_size=16,
               why="four key tiles: the running max changes, so the running sums must be rescaled")
    yield case("several tiles float32", *qkv(3, 2, 2, 96, 96, 16), block_size=32)
    yield case("peaked scores", *qkv(4, 1, 2, 40, 40, 8, dtype=torch.float64, scale=3.0), block_size=8,
               why="large scores: each new tile moves the max a lot; the accumulator must be rescaled by exp(m_old - m_new)")
    yield case("causal float64", *qkv(5, 2, 2, 37, 37, 8, dtype=torch.float64), block_size=8, causal=True,
               why="causal across tiles: query i sees keys 0..i, whichever tile they are in")
    yield case("causal float32", *qkv(6, 1, 4, 64, 64, 16), block_size=16, causal=True)
    yield case("causal, 600 tokens", *qkv(15, 1, 2, 600, 600, 8), block_size=64, causal=True,
               why="many query and key tiles: the causal boundary crosses tiles of every kind")
    yield case("Nq != Nk", *qkv(7, 2, 2, 5, 70, 8, d_v=6, dtype=torch.float64), block_size=32,
               why="cross-attention: 5 queries over 70 keys, values of width 6")
    # the point of the algorithm: memory linear in N. A (N, N) float32 score matrix for one
    # head is 576 MiB, far above this problem's memory limit; tiles of 256 keys are 12 MiB
    Q, K, V = qkv(8, 1, 1, 12288, 12288, 16)
    yield case("long sequence, N = 12288 (memory cap)", Q, K, V, block_size=256, time_limit=30,
               summary="Q, K, V (1, 1, 12288, 16) float32, block_size=256, under torch.no_grad()",
               why="a full 12288 x 12288 score matrix needs 576 MiB, above the memory limit: tile over keys")
    # -- edge: tile boundaries --------------------------------------------------------------
    yield case("N not a multiple of block_size", *qkv(9, 1, 2, 45, 45, 8, dtype=torch.float64), block_size=16,
               tier="edge", why="the last tile is partial (13 keys)")
    yield case("causal, N not a multiple of block_size", *qkv(10, 1, 2, 45, 45, 8, dtype=torch.float64),
               block_size=16, causal=True, tier="edge")
    yield case("block_size = 1", *qkv(11, 1, 2, 12, 12, 4, dtype=torch.float64), block_size=1,
               tier="edge", why="one key per tile: the running max changes at almost every step")
    yield case("causal, block_size = 1", *qkv(12, 1, 1, 9, 9, 4, dtype=torch.float64), block_size=1,
               causal=True, tier="edge")
    yield case("N < block_size", *qkv(13, 2, 1, 10, 10, 8), block_size=64, causal=True, tier="edge",
               why="a single partial tile")
    yield case("N = 1", *qkv(14, 1, 1, 1, 1, 4, dtype=torch.float64), block_size=4, causal=True,
               tier="edge", why="one token: the output is its value")
