"""Each experiment reproduces its claim with numbers computed live (no timing assertions)."""

from __future__ import annotations

import math

import pytest

from mlkata import demos


@pytest.fixture(scope="module")
def results():
    return {name: m.run(seed=0) for name, m in demos.modules().items()}


def test_every_demo_has_a_plot_a_reading_and_cards(results):
    assert len(results) >= 10
    for name, r in results.items():
        m = demos.modules()[name]
        assert r.plots and r.reading and m.SECTIONS, name
        for plot in r.plots:
            for s in plot.series:
                assert len(s.x) == len(s.y) > 1


def test_scaling_variance_grows_linearly_and_scaling_prevents_saturation(results):
    n = results["scaling"].numbers
    assert 0.9 < n["variance_slope"] < 1.1
    assert n["top_weight_unscaled_1024"] > 0.8 and n["top_weight_scaled_1024"] < 0.3


def test_masking_facts(results):
    n = results["masking"].numbers
    assert n["leak_live_at_0"] == 0.0 and n["leak_live_64_above"] > 0
    assert n["fully_masked_with_inf"] == "NaN" and n["sdpa_fully_masked_is_zero"] == "True"
    assert n["float16_masked_fill"].startswith("RuntimeError")


def test_log_softmax_underflow(results):
    n = results["log-softmax"].numbers
    assert 100 <= n["first_gap_inf_float32"] <= 110
    assert n["naive_grad_nan"] == "True"


def test_norm_speed_reports_its_spread(results):
    n = results["norm-speed"].numbers
    assert n["rounds"] >= 5
    for lib in ("numpy", "torch"):   # a spread, not one number (no timing assertion)
        assert n[f"{lib}_ratio_q25"] <= n[f"{lib}_layer_over_rms"] <= n[f"{lib}_ratio_q75"]
    assert "middle half of the rounds" in results["norm-speed"].reading


def test_kv_cache_flops(results):
    assert results["kv-cache"].numbers["flop_ratio_last"] > 100


def test_kmeans_plus_plus_beats_random(results):
    n = results["kmeans-init"].numbers
    assert n["median_wcss_pp"] < n["median_wcss_random"]
    # "well separated" is measured, not claimed: no point is nearer another blob's centre
    assert n["strays"] == 0 and n["closest_centres"] >= 8.0
    assert n["found_partition_pp"] > n["found_partition_random"]
    assert n["median_wcss_pp"] >= n["blob_partition_wcss"] * (1 - 1e-9)


def test_gmm_converges_to_kmeans(results):
    n = results["gmm-limit"].numbers
    assert n["gap_small_sigma"] < 1e-6 < 0.1 < n["gap_large_sigma"]


def test_lora_counts_and_fedavg(results):
    n = results["lora"].numbers
    assert n["fraction_r8"] == 8 * (4096 + 4096) / 4096**2
    # clients start from the same adapter (B = 0): one local step leaves A unchanged, averaging is exact
    assert n["fedavg_error_1_step"] < 1e-12
    # local training makes the clients' A drift: the factor average misses the mean update
    assert n["fedavg_error_most_steps"] > n["fedavg_relative_error"] > 0.05
    assert n["ffa_lora_max_error"] < 1e-12 and n["flora_stacking_error"] < 1e-12
    assert n["rank_of_mean_dw"] <= n["rank_bound"]


def test_label_smoothing_conventions(results):
    n = results["label-smoothing"].numbers
    assert math.isclose(n["loss_own_torch_target"], n["loss_torch"], rel_tol=1e-12)
    assert math.isclose(n["loss_torch_equivalent_eps"], n["loss_sheet"], rel_tol=1e-12)
    assert abs(n["loss_sheet"] - n["loss_torch"]) > 0.1          # a setting where the convention shows
    # smoothing keeps logits finite and the loss above the target's entropy; without it, neither
    assert math.isclose(n["gap_torch_end"], n["gap_torch_theory"], rel_tol=1e-6)
    assert math.isclose(n["gap_sheet_end"], n["gap_sheet_theory"], rel_tol=1e-6)
    assert math.isclose(n["loss_torch_end"], n["floor_torch"], rel_tol=1e-6) and n["floor_torch"] > 0.3
    assert n["gap_no_smoothing_end"] > n["gap_no_smoothing_100"] > n["gap_torch_end"]
    assert n["loss_no_smoothing_end"] < 0.01


def test_top_p_adapts(results):
    n = results["top-p-vs-top-k"].numbers
    assert n["nucleus_flat_T1"] > 10 * n["nucleus_peaked_T1"]
    assert n["nucleus_peaked_T_low"] < n["nucleus_peaked_T1"] < n["nucleus_peaked_T_high"]


def test_demo_cli_lists_runs_and_saves_png(mlkata, tmp_path):
    r = mlkata("demo")
    assert r.exit_code == 0 and "scaling" in r.output and "lora" in r.output
    png = tmp_path / "lora.png"
    r = mlkata("demo", "lora", "--png", str(png))
    assert r.exit_code == 0, r.output
    assert "what this shows" in r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    r = mlkata("demo", "lorra")
    assert r.exit_code == 2 and "Did you mean: lora" in r.output


def test_cards_link_to_existing_demos_and_every_demo_is_linked():
    from mlkata.study.cards import load_decks

    names = set(demos.modules())
    linked = set()
    for deck in load_decks():
        for card in deck.cards:
            assert set(card.demos) <= names, (card.id, card.demos)
            linked |= set(card.demos)
    assert linked == names
