"""Cases for `decode_step` + `KVCache`. The run hook feeds a sequence chunk by chunk (a
multi-token chunk = prefill) and returns every chunk's output plus the final cache.
Oracle: causal F.scaled_dot_product_attention over the whole sequence in float64 (full
recomputation), split into the same chunks; the final cache must hold exactly K and V."""

import torch
import torch.nn.functional as F

from mlkata.judge.spec import Case


def _cache_class(entry):
    cls = getattr(entry, "__globals__", {}).get("KVCache")
    if cls is None:
        raise NameError("define a class named KVCache next to decode_step")
    return cls


def _feed(entry, cache, Q, K, V, chunks):
    outs, s = [], 0
    for t in chunks:
        outs.append(entry(Q[:, :, s:s + t], K[:, :, s:s + t], V[:, :, s:s + t], cache))
        s += t
    return outs


def run_decode(entry, case):
    Q, K, V = case.args
    with torch.no_grad():  # decoding is inference
        cache = _cache_class(entry)()
        outs = _feed(entry, cache, Q, K, V, case.data["chunks"])
        return (outs, cache.keys, cache.values, len(cache))


def run_two_streams(entry, case):
    """Two sequences decoded at the same time, one step each in turn, with two caches."""
    Q, K, V = case.args
    cls = _cache_class(entry)
    with torch.no_grad():
        a, b = cls(), cls()
        outs_a, outs_b = [], []
        for s in range(Q.shape[2]):
            outs_a.append(entry(Q[:1, :, s:s + 1], K[:1, :, s:s + 1], V[:1, :, s:s + 1], a))
            outs_b.append(entry(Q[1:, :, s:s + 1], K[1:, :, s:s + 1], V[1:, :, s:s + 1], b))
        return (outs_a, outs_b)


def oracle(Q, K, V):
    q, k, v = (t.double() for t in (Q, K, V))
    return F.scaled_dot_product_attention(q, k, v, is_causal=True).to(Q.dtype)


def split(x, chunks):
    return list(torch.split(x, chunks, dim=2))


def qkv(seed, B, h, N, d, d_v=None, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    Q = torch.randn(B, h, N, d, generator=g, dtype=torch.float64)
    K = torch.randn(B, h, N, d, generator=g, dtype=torch.float64)
    V = torch.randn(B, h, N, d_v or d, generator=g, dtype=torch.float64)
    return Q.to(dtype), K.to(dtype), V.to(dtype)


def case(name, Q, K, V, chunks, tier="core", why=None):
    assert sum(chunks) == Q.shape[2]
    expected = (split(oracle(Q, K, V), chunks), K, V, Q.shape[2])
    return Case(name, args=(Q, K, V), expected=expected, tier=tier, why=why, run="run_decode",
                data={"sandbox": {"chunks": list(chunks)}},
                summary=f"Q, K, V {tuple(Q.shape)} {str(Q.dtype).replace('torch.', '')}, fed in chunks {list(chunks)}")


def generate():
    yield case("token by token float64", *qkv(1, 2, 2, 7, 8, dtype=torch.float64), [1] * 7,
               why="each step: append the new k, v, then attend over the whole cache (itself included)")
    yield case("token by token float32", *qkv(2, 1, 4, 10, 16), [1] * 10)
    yield case("prefill, then decode", *qkv(3, 2, 2, 9, 8, dtype=torch.float64), [5, 1, 1, 1, 1],
               why="a 5-token prompt in one call needs a causal mask among its own tokens")
    yield case("chunked prefill", *qkv(4, 1, 2, 11, 8, dtype=torch.float64), [4, 3, 1, 3],
               why="chunks after the first: new token i sits at position len(cache) + i, so the mask is offset")
    yield case("prefill float32, d_v != d_k", *qkv(5, 2, 3, 8, 8, d_v=4), [6, 1, 1],
               why="values of width 4: the cache keeps keys and values with their own widths")
    # -- edge --------------------------------------------------------------------------------
    yield case("one token", *qkv(6, 1, 1, 1, 4, dtype=torch.float64), [1], tier="edge",
               why="the first step's output is its own value")
    yield case("whole sequence in one call", *qkv(7, 1, 2, 6, 4, dtype=torch.float64), [6], tier="edge",
               why="prefill of everything: plain causal attention")
    Q, K, V = qkv(8, 2, 2, 5, 4, dtype=torch.float64)
    full = oracle(Q, K, V)
    yield Case("two caches at once", args=(Q, K, V), expected=(split(full[:1], [1] * 5), split(full[1:], [1] * 5)),
               run="run_two_streams", tier="edge",
               summary="two sequences (1, 2, 5, 4) float64, decoded in turn with two KVCache objects",
               why="two caches must not share state (a list or tensor stored on the class is shared)")
