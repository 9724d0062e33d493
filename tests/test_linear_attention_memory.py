"""Linear attention's memory case, through the CLI: per-position prefix states (the cumsum of
the outer products) are O(N·d·d_v) and are rejected, with their diagnosis; chunked prefix sums
pass, gradients included."""

from __future__ import annotations

from mlkata.bank import load_bank

P = load_bank().get("linear-attention")


def test_cumsum_of_outer_products_runs_out_of_memory_with_its_diagnosis(mlkata):
    path = P.meta / "mistakes" / "cumsum-outer-products.py"
    r = mlkata("check", "linear-attention", "--file", str(path))
    out = " ".join(r.output.split())
    assert r.exit_code == 1 and "OOM" in out.upper()
    assert "causal with gradients, N = 8192" in out
    assert "prefix sums kept for every position" in out


def test_chunked_prefix_sums_pass_with_gradients(mlkata):
    r = mlkata("check", "linear-attention", "--file", str(P.meta / "alternatives" / "eps_in_denominator.py"))
    assert r.exit_code == 0, r.output
