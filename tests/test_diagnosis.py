"""Diagnoses specific or absent, through the CLI: a NaN output never names a mistake by itself,
a wrong answer no known mistake explains says what differs, precision failures show enough
digits and name a float32 mix; and the corpus of wrong variants (each problem's .meta/corpus,
written independently of the planted mistakes) is named faithfully (bench/diagnosis_corpus.py
and `mlkata dev check` print the same figures)."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def check(mlkata, tmp_path, problem: str, code: str):
    path = tmp_path / "sub.py"
    path.write_text(textwrap.dedent(code))
    return mlkata("check", problem, "--file", str(path))


def test_an_all_nan_output_names_no_mistake(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "cross-entropy", """
        def cross_entropy(logits, labels):
            return float("nan")
        """)
    assert r.exit_code == 1
    assert "Looks like" not in r.output and "no known mistake matches" in r.output


def test_unshifted_softmax_in_cross_entropy_is_not_called_raw_logits(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "cross-entropy", """
        import numpy as np
        def cross_entropy(logits, labels):
            p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
            return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))
        """)
    assert r.exit_code == 1
    assert "raw logits" not in r.output


def test_no_known_mistake_says_what_differs(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "log-softmax", """
        import numpy as np
        def log_softmax(x):
            s = x - x.max(axis=-1, keepdims=True)
            return s - np.exp(s).sum(axis=-1, keepdims=True)   # the log of the sum forgotten
        """)
    out = " ".join(r.output.split())
    assert "Looks like" not in out
    assert "no known mistake matches this one" in out and "constant offset" in out
    r = check(mlkata, tmp_path, "cross-entropy", """
        import numpy as np
        def cross_entropy(logits, labels):
            m = logits.max(axis=1, keepdims=True)
            lse = (m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True)))[:, 0]
            return float(np.mean(logits[np.arange(len(labels)), labels] - lse))
        """)
    assert "sign flipped" in " ".join(r.output.split())


def test_a_float32_constant_in_float64_attention_is_explained(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "attention", """
        import torch
        def scaled_dot_product_attention(Q, K, V, mask=None):
            scale = torch.tensor(Q.shape[-1], dtype=torch.float32).sqrt()
            s = (Q @ K.transpose(-2, -1)) / scale
            if mask is not None:
                s = s.masked_fill(mask, torch.finfo(s.dtype).min)
            w = torch.softmax(s, dim=-1)
            if mask is not None:
                w = w.masked_fill(mask, 0.0)
            return w @ V
        """)
    out = " ".join(r.output.split())
    assert r.exit_code == 1 and "float32 rounding" in out and "rel error" in out
    # the two numbers are printed with enough digits to differ
    import re

    m = re.search(r"expected ([-0-9.e]+), got ([-0-9.e]+)", out)
    assert m and m.group(1) != m.group(2)


def test_a_float_target_in_label_smoothing_shows_the_digits_that_differ(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "label-smoothing-cross-entropy", """
        import torch.nn.functional as F
        def label_smoothing_cross_entropy(logits, labels, eps=0.1):
            C = logits.size(-1)
            target = F.one_hot(labels, C).float() * (1 - eps) + eps / C
            return -(target * F.log_softmax(logits, dim=-1)).sum(-1).mean()
        """)
    out = " ".join(r.output.split())
    import re

    pairs = re.findall(r"expected ([-0-9.e]+), got ([-0-9.e]+)", out)
    assert pairs and all(a != b for a, b in pairs)
    assert "float32" in out and "Looks like" not in out


def test_the_corpus_bench_measures_a_held_out_folder(tmp_path):
    """bench/diagnosis_corpus.py --corpus: a folder laid out as <problem-id>/*.py, judged and
    scored (the whole bank's corpus is judged by the self-check: tests/test_bank_selfcheck.py)."""
    spec = importlib.util.spec_from_file_location("diagnosis_corpus", ROOT / "bench" / "diagnosis_corpus.py")
    bench = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[spec.name] = bench  # its dataclass resolves annotations through sys.modules
    spec.loader.exec_module(bench)
    from mlkata.bank import load_bank

    p = load_bank().get("softmax")
    folder = tmp_path / "softmax"
    folder.mkdir()
    planted = p.mistakes[0]
    (folder / "planted.py").write_text(f"# expect: {planted.id}\n" + planted.path.read_text())
    (folder / "mislabelled.py").write_text(f"# expect: {p.mistakes[1].id}\n" + planted.path.read_text())
    results = bench.run(["softmax"], tmp_path)
    named_pct, wrong, expecting = bench.summary(results)
    assert {o.file: o.got for o in results} == {"planted.py": planted.id, "mislabelled.py": planted.id}
    assert (named_pct, wrong, expecting) == (50.0, 1, 2)


def test_a_malformed_corpus_label_names_the_file_and_the_field(tmp_path):
    import pytest

    from mlkata.bank import load_bank
    from mlkata.judge.selfcheck import corpus_expectation

    p = next(q for q in load_bank().ordered() if q.mistakes)
    unlabelled = tmp_path / "unlabelled.py"
    unlabelled.write_text("def f(x):\n    return x\n")
    with pytest.raises(ValueError, match=r"unlabelled\.py: the first line must be `# expect:"):
        corpus_expectation(p, unlabelled)
    unknown = tmp_path / "unknown.py"
    unknown.write_text("# expect: no-such-mistake\n")
    with pytest.raises(ValueError, match=rf"unknown\.py: expect names no-such-mistake, not a mistake of {p.id}"):
        corpus_expectation(p, unknown)
    two = tmp_path / "two.py"
    two.write_text(f"# expect: {p.mistakes[0].id}|none-of-these\n")
    with pytest.raises(ValueError, match="none-of-these"):
        corpus_expectation(p, two)
    ok = tmp_path / "ok.py"
    ok.write_text(f"# expect: {p.mistakes[0].id}  (a comment may follow)\n")
    assert corpus_expectation(p, ok) == {p.mistakes[0].id}


def test_wrong_variants_of_no_catalogued_mistake_get_no_name(mlkata):
    """Through the CLI, every corpus variant of a pure-Python problem labelled `none` fails and
    names nothing — among them a yes/no answer wrong the way several mistakes are wrong, and
    one match against one contradiction (coincidences, not diagnoses)."""
    import json

    from mlkata.bank import load_bank
    from mlkata.judge.selfcheck import corpus_expectation

    seen = 0
    for p in load_bank().ordered():
        if p.framework != "python":
            continue
        for v in p.corpus:
            if corpus_expectation(p, v):
                continue
            seen += 1
            out = json.loads(mlkata("check", p.id, "--file", str(v), "--json").output)
            assert out["status"] != "pass" or any(t["status"] not in ("pass", "skipped") for t in out["tests"]), v
            assert out["diagnosis"] is None, f"{v}: named {out['diagnosis']['id']}"
    assert seen >= 5
