"""The four problems beyond the sheet (rope, beam-search, adamw-step, bpe) judge what their
statements promise: references pass, hand-written wrong solutions get the named diagnosis, and
each oracle agrees with an independent construction."""

from __future__ import annotations

import importlib.util
import json
import math
import random

import pytest

from mlkata.bank import load_bank

IDS = ["rope", "beam-search", "adamw-step", "bpe"]


def _module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference(pid):
    return _module(load_bank().get(pid).solution_path, f"_ref_{pid.replace('-', '_')}")


def _cases(pid):
    return _module(load_bank().get(pid).cases_path, f"_cases_{pid.replace('-', '_')}")


def _check(mlkata, tmp_path, problem, source, *flags):
    path = tmp_path / "mine.py"
    path.write_text(source)
    r = mlkata("check", problem, "--file", str(path), "--json", *flags)
    return r.exit_code, json.loads(r.output)


def test_self_check_of_the_four_problems():
    from mlkata.judge.selfcheck import run_selfcheck

    bank = load_bank()
    report = run_selfcheck(bank, ids=IDS, workers=2)
    failing = [f"{f.problem} / {f.subject}: {f.detail}" for f in report.findings if not f.ok]
    assert not failing, "\n".join(failing)
    for pid in IDS:
        p = bank.get(pid)
        assert len(p.mistakes) >= 5
        subjects = {f.subject for f in report.findings if f.problem == pid}
        assert {"reference", "starter"} <= subjects
        assert all(f"mistake {m.id}" in subjects for m in p.mistakes)


def test_problems_are_listed_and_shown(mlkata):
    r = mlkata("list")
    assert r.exit_code == 0
    for pid in IDS:
        assert pid in r.output
    r = mlkata("show", "rope")
    assert r.exit_code == 0 and "half-split" in r.output


# ------------------------------------------------------------------------------ reference passes

@pytest.mark.parametrize("pid", IDS)
def test_reference_passes_strict(mlkata, tmp_path, pid):
    source = load_bank().get(pid).solution_path.read_text()
    code, data = _check(mlkata, tmp_path, pid, source, "--strict")
    assert code == 0 and data["status"] == "pass", data


# ------------------------------------------------------------------------------ diagnoses

ROPE_COMPLEX_INTERLEAVED = """
import torch

def apply_rope(q, k, positions, base=10000.0):
    d = q.shape[-1]
    freqs = 1.0 / base ** (torch.arange(0, d, 2).double() / d)
    cis = torch.polar(torch.ones(len(positions), d // 2, dtype=torch.float64), torch.outer(positions.double(), freqs))
    out = []
    for x in (q, k):
        xc = torch.view_as_complex(x.double().reshape(*x.shape[:-1], -1, 2))
        out.append(torch.view_as_real(xc * cis).flatten(-2).to(x.dtype))
    return tuple(out)
"""


def test_rope_llama_meta_style_is_diagnosed_as_interleaved(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "rope", ROPE_COMPLEX_INTERLEAVED)
    assert code == 1 and data["status"] == "fail"
    assert data["diagnosis"]["id"] == "interleaved-pairs"


ADAM_L2 = """
import numpy as np

def adamw_step(param, grad, m, v, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    g = grad + weight_decay * param
    m = betas[0] * m + (1 - betas[0]) * g
    v = betas[1] * v + (1 - betas[1]) * g ** 2
    mh = m / (1 - betas[0] ** step)
    vh = v / (1 - betas[1] ** step)
    return param - lr * mh / (np.sqrt(vh) + eps), m, v
"""


def test_adam_with_l2_is_diagnosed(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "adamw-step", ADAM_L2)
    assert code == 1 and data["diagnosis"]["id"] == "adam-l2"
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["no weight decay"]["status"] == "pass"        # wd = 0: Adam + L2 is Adam
    assert tests["strong decay, large lr"]["status"] == "fail"


def test_adamw_through_torch_optim_is_forbidden(mlkata, tmp_path):
    source = ("import torch\n\ndef adamw_step(param, grad, m, v, step, **kw):\n"
              "    return torch.optim.AdamW\n")
    code, data = _check(mlkata, tmp_path, "adamw-step", source)
    assert code == 1 and data["status"] == "forbidden"


BEAM_PROB_SUM = """
import math

def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    beams, done = [(0.0, list(prompt))], []
    for _ in range(max_new_tokens):
        cand = [(s + math.exp(lp), seq + [t]) for s, seq in beams for t, lp in enumerate(next_logprobs(seq))]
        cand.sort(key=lambda c: -c[0])
        beams = []
        for s, seq in cand[:beam_width]:
            (done if seq[-1] == eos else beams).append((s, seq))
        if not beams:
            break
    done += beams
    gen = [(s / (len(seq) - len(prompt)) ** length_penalty, seq[len(prompt):]) for s, seq in done]
    s, seq = max(gen, key=lambda x: x[0])
    return seq, s
"""


def test_beam_search_summing_probabilities_is_diagnosed(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "beam-search", BEAM_PROB_SUM)
    assert code == 1 and data["diagnosis"]["id"] == "sums-probabilities"


BPE_FIRST_SEEN = """
from collections import Counter

def _merge(s, pair):
    out, i = [], 0
    while i < len(s):
        if tuple(s[i:i + 2]) == pair:
            out.append(s[i] + s[i + 1]); i += 2
        else:
            out.append(s[i]); i += 1
    return out

def train_bpe(text, num_merges):
    words = {w: list(w) for w in text.split()}
    freq = Counter(text.split())
    merges = []
    for _ in range(num_merges):
        stats = {}
        for w, s in words.items():
            for p in zip(s, s[1:]):
                stats[p] = stats.get(p, 0) + freq[w]
        if not stats:
            break
        best = max(stats, key=stats.get)
        merges.append(best)
        words = {w: _merge(s, best) for w, s in words.items()}
    return merges

def bpe_encode(text, merges):
    out = []
    for w in text.split():
        s = list(w)
        for p in merges:
            s = _merge(s, tuple(p))
        out += s
    return out
"""


def test_bpe_first_seen_ties_are_diagnosed(mlkata, tmp_path):
    code, data = _check(mlkata, tmp_path, "bpe", BPE_FIRST_SEEN)
    assert code == 1 and data["diagnosis"]["id"] == "ties-first-seen"
    tests = {t["name"]: t for t in data["tests"]}
    assert tests["all pairs tie"]["status"] == "fail"
    assert tests["repeated letters"]["status"] == "pass"


# ------------------------------------------------------------------------------ oracles

def test_rope_reference_matches_the_complex_oracle_and_the_interleaved_layout_is_a_permutation():
    import torch

    ref, cases = _reference("rope"), _cases("rope")
    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(2, 3, 9, 16, generator=g, dtype=torch.float64), torch.randn(2, 1, 9, 16, generator=g,
                                                                                       dtype=torch.float64)
    pos = torch.tensor([5, 6, 7, 40, 41, 42, 1000, 1001, 3])
    qr, kr = ref.apply_rope(q, k, pos)
    assert torch.allclose(qr, cases.rope_complex(q, pos, 10000.0), rtol=0, atol=1e-12)
    assert torch.allclose(kr, cases.rope_complex(k, pos, 10000.0), rtol=0, atol=1e-12)
    # interleaved (view_as_complex on neighbours) = half-split on the permuted head dimensions
    inter = _module(load_bank().get("rope").meta / "mistakes" / "interleaved-pairs.py", "_rope_inter")
    perm = torch.cat([torch.arange(0, 16, 2), torch.arange(1, 16, 2)])   # (x0, x2, ..., x1, x3, ...)
    qi, _ = inter.apply_rope(q, k, pos)
    qh, _ = ref.apply_rope(q[..., perm], k[..., perm], pos)
    assert torch.allclose(qi[..., perm], qh, rtol=0, atol=1e-12)
    # the score depends on the offset only
    s = lambda m, n: (ref.apply_rope(q[:1, :1, :1], k[:1, :1, :1], torch.tensor([m]))[0]
                      * ref.apply_rope(k[:1, :1, :1], k[:1, :1, :1], torch.tensor([n]))[0]).sum()
    assert abs(float(s(3, 10) - s(503, 510))) < 1e-10
    assert abs(float(s(3, 10) - s(3, 11))) > 1e-3


def test_beam_search_reference_equals_exhaustive_search_when_nothing_is_pruned():
    ref, cases = _reference("beam-search"), _cases("beam-search")
    for seed in range(12):
        V, steps = 3, 3 + seed % 2
        model = cases.make_model(cases.rnd(100 + seed, V, seed % V, eos_boost=0.2))
        alpha = [0.0, 0.7, 1.5][seed % 3]
        prompt = [1] * (seed % 3)
        tokens, score = ref.beam_search(model, prompt, seed % V, V ** steps, steps, alpha)
        best_tokens, best_score = cases.exhaustive(model, prompt, seed % V, steps, alpha)
        assert tokens == best_tokens and math.isclose(score, best_score, rel_tol=1e-12)
        # and a narrow beam never beats it
        _, narrow = ref.beam_search(model, prompt, seed % V, 2, steps, alpha)
        assert narrow <= best_score + 1e-12


def test_adamw_reference_tracks_torch_optim_adamw():
    import numpy as np
    import torch

    ref = _reference("adamw-step")
    rng = np.random.default_rng(3)
    p = rng.normal(size=(4, 3))
    pt = torch.nn.Parameter(torch.from_numpy(p.copy()))
    opt = torch.optim.AdamW([pt], lr=0.03, betas=(0.85, 0.99), eps=1e-6, weight_decay=0.3)
    m = v = np.zeros_like(p)
    for t in range(1, 101):
        g = rng.normal(size=p.shape) + p
        pt.grad = torch.from_numpy(g.copy())
        opt.step()
        p, m, v = ref.adamw_step(p, g, m, v, t, lr=0.03, betas=(0.85, 0.99), eps=1e-6, weight_decay=0.3)
    np.testing.assert_allclose(p, pt.detach().numpy(), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(v, opt.state[pt]["exp_avg_sq"].numpy(), rtol=1e-10)


def test_adamw_oracle_is_the_optimiser_class_update():
    # the cases call torch's functional AdamW update (the class's constructor imports
    # torch._dynamo, seconds on a first check): both give the same trajectory, resume included
    import numpy as np
    import torch

    cases = _cases("adamw-step")
    rng = np.random.default_rng(5)
    p0, curv, target = rng.normal(size=5), rng.uniform(0.5, 2, size=5), rng.normal(size=5)
    noise = rng.normal(size=(30, 5))
    m_ckpt, v_ckpt = rng.normal(size=5) * 0.1, rng.uniform(0.1, 1, size=5)
    kw = dict(lr=0.02, betas=(0.9, 0.98), eps=1e-8, weight_decay=0.2)
    for t0 in (0, 500):
        # a fresh optimiser starts from zero moments; a resumed one from the checkpoint's
        m0, v0 = (m_ckpt, v_ckpt) if t0 else (np.zeros(5), np.zeros(5))
        got = cases.oracle(p0, curv, target, noise, m0, v0, t0, kw)
        pt = torch.nn.Parameter(torch.from_numpy(p0.copy()))
        opt = torch.optim.AdamW([pt], foreach=False, **kw)
        if t0:
            opt.state[pt] = {"step": torch.tensor(float(t0), dtype=torch.float64),
                             "exp_avg": torch.from_numpy(m0.copy()), "exp_avg_sq": torch.from_numpy(v0.copy())}
        traj = []
        for i in range(30):
            pt.grad = torch.from_numpy(curv) * (pt.detach() - torch.from_numpy(target)) + torch.from_numpy(noise[i])
            opt.step()
            traj.append(pt.detach().clone().numpy())
        np.testing.assert_allclose(got["param after each step"], np.stack(traj), rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(got["final v"], opt.state[pt]["exp_avg_sq"].numpy(), rtol=1e-13)


def test_bpe_reference_agrees_with_the_regex_oracle_on_random_corpora():
    ref, cases = _reference("bpe"), _cases("bpe")
    for seed in range(20):
        r = random.Random(seed)
        words = ["".join(r.choice("aab") for _ in range(r.randint(1, 6))) for _ in range(r.randint(3, 30))]
        text = " ".join(words)
        merges = ref.train_bpe(text, 12)
        assert [tuple(m) for m in merges] == cases.oracle_train(text, 12)
        probe = " ".join("".join(r.choice("abc") for _ in range(r.randint(1, 8))) for _ in range(5))
        assert ref.bpe_encode(probe, merges) == cases.oracle_encode(probe, merges)
        assert "".join(ref.bpe_encode(probe, merges)) == probe.replace(" ", "")


def test_demos_show_the_claims():
    from mlkata import demos

    n = demos.run("rope-relative").numbers
    assert n["rope_max_spread"] < 1e-9 < 1.0 < n["added_max_spread"]
    b = demos.run("beam-vs-greedy").numbers
    assert b["found_width_8"] >= b["found_width_2"] >= b["found_greedy"] and b["found_greedy"] < 1.0
    assert b["gap_width_8"] <= b["gap_greedy"]
