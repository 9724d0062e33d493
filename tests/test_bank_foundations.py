"""Run and check hooks through the CLI: a contract that is judged by behaviour, not a value.

cross-entropy's edge cases call the candidate through a run hook and grade with a check hook
(labels outside [0, C) must raise). batch-norm's cases drive a class through a run hook.
"""

from __future__ import annotations

import json

STABLE_CE = """import numpy as np
def cross_entropy(logits, labels):
{check}    logits = logits.astype(np.float32) if logits.dtype == np.float16 else logits
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))
"""


def _check(mlkata, path, problem, *flags):
    r = mlkata("check", problem, "--file", str(path), "--json", *flags)
    return r.exit_code, json.loads(r.output)


def test_unchecked_labels_pass_core_but_fail_strict_with_diagnosis(mlkata, tmp_path):
    mine = tmp_path / "ce.py"
    mine.write_text(STABLE_CE.format(check=""))
    code, res = _check(mlkata, mine, "cross-entropy")
    assert code == 0 and res["status"] == "pass"
    code, res = _check(mlkata, mine, "cross-entropy", "--strict")
    assert code == 1 and res["status"] == "fail"
    bad = {t["name"]: t for t in res["tests"] if t["status"] != "pass"}
    assert set(bad) == {"label -1"}
    assert bad["label -1"]["diagnosis"] == "labels-wrap-around"
    assert "must raise" in bad["label -1"]["message"]


def test_raising_on_bad_labels_passes_strict(mlkata, tmp_path):
    mine = tmp_path / "ce.py"
    guard = "    if (labels < 0).any() or (labels >= logits.shape[1]).any():\n        raise ValueError('bad label')\n"
    mine.write_text(STABLE_CE.format(check=guard))
    code, res = _check(mlkata, mine, "cross-entropy", "--strict")
    assert code == 0 and res["status"] == "pass", res


def test_class_problem_runs_through_a_run_hook(mlkata, tmp_path):
    # eval mode with batch statistics: every eval step is wrong, and named
    mine = tmp_path / "bn.py"
    mine.write_text("""import numpy as np
class BatchNorm1d:
    def __init__(self, C, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(C), np.zeros(C)
        self.running_mean, self.running_var = np.zeros(C), np.ones(C)
    def forward(self, x, training=True):
        mu, var = x.mean(0), x.var(0)
        if training:
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * x.var(0, ddof=1)
        return self.gamma * (x - mu) / np.sqrt(var + self.eps) + self.beta
""")
    code, res = _check(mlkata, mine, "batch-norm")
    assert code == 1 and res["status"] == "fail"
    assert any(t["diagnosis"] == "eval-uses-batch-stats" for t in res["tests"])
