"""Cases for `beam-search`. The "model" is a deterministic next-token function built from the
case data (pure Python, same in the sandbox and the judge): a seeded pseudo-random log-softmax
of the whole prefix, with the EOS logit raised as the sequence grows; or, for ties, a table of
log-probs indexed by the sequence length. Oracle: the reference (float64 Python floats) run on
the same function; where the beam is wide enough to keep every hypothesis, an exhaustive
search over all sequences, which does not share the reference's code."""

import importlib.util
import itertools
import math
import random
from pathlib import Path

from mlkata.judge.spec import Case


def make_model(spec):
    """next_logprobs(tokens) -> list of V log-probabilities, a pure function of the tokens."""
    if spec["kind"] == "table":
        rows = spec["rows"]

        def table(tokens):
            return list(rows[len(tokens) % len(rows)])

        return table
    seed, V, eos, boost, scale = spec["seed"], spec["V"], spec["eos"], spec["eos_boost"], spec["scale"]

    def model(tokens):
        key = f"{seed}:" + ",".join(str(int(t)) for t in tokens)
        r = random.Random(key)
        z = [r.gauss(0.0, scale) for _ in range(V)]
        z[eos] += boost * len(tokens)                  # EOS grows likelier with length
        m = max(z)
        lse = m + math.log(sum(math.exp(x - m) for x in z))
        return [x - lse for x in z]

    return model


def run_search(entry, case):
    out = entry(make_model(case.data), **case.kwargs)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise TypeError("beam_search must return a pair (generated_tokens, score)")
    tokens, score = out
    if not isinstance(tokens, (list, tuple)):
        raise TypeError(f"the generated tokens must be a list of ints, not {type(tokens).__name__}")
    return {"generated tokens": [int(t) for t in tokens], "score": score}


def _reference():
    path = Path(__file__).with_name("solution.py")
    spec = importlib.util.spec_from_file_location("_beam_search_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.beam_search


def exhaustive(next_logprobs, prompt, eos, max_new_tokens, length_penalty=0.0):
    """Best complete hypothesis over all sequences: ends at its first EOS, or at max_new_tokens."""
    V = len(next_logprobs(list(prompt)))
    best = None
    for n in range(1, max_new_tokens + 1):
        for seq in itertools.product(range(V), repeat=n):
            if eos in seq[:-1] or (n < max_new_tokens and seq[-1] != eos):
                continue
            s = sum(next_logprobs(list(prompt) + list(seq[:i]))[t] for i, t in enumerate(seq))
            score = s / n ** length_penalty
            if best is None or score > best[1]:
                best = (list(seq), score)
    return best


def case(name, model, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0, tier="core", why=None,
         oracle="reference"):
    kw = dict(prompt=list(prompt), eos=eos, beam_width=beam_width, max_new_tokens=max_new_tokens,
              length_penalty=length_penalty)
    fn = make_model(model)
    if oracle == "exhaustive":
        tokens, score = exhaustive(fn, prompt, eos, max_new_tokens, length_penalty)
    else:
        tokens, score = _reference()(fn, **kw)
    expected = {"generated tokens": list(tokens), "score": score}
    V = model["V"] if model["kind"] == "random" else len(model["rows"][0])
    return Case(name, kwargs=kw, expected=expected, run="run_search", data={"sandbox": model}, tier=tier, why=why,
                summary=f"V={V}, eos={eos}, prompt={list(prompt)}, beam_width={beam_width}, "
                        f"max_new_tokens={max_new_tokens}, length_penalty={length_penalty}")


def rnd(seed, V, eos, eos_boost=0.3, scale=1.5):
    return {"kind": "random", "seed": seed, "V": V, "eos": eos, "eos_boost": eos_boost, "scale": scale}


def generate():
    L = math.log
    yield case("width 2, V = 5", rnd(1, 5, 0), [1], 0, 2, 6,
               why="keep the beam_width best extensions over all beams; EOS-ended ones are finished")
    yield case("width 3, V = 8, length penalty 1", rnd(2, 8, 7, eos_boost=0.15), [3, 4], 7, 3, 8, 1.0,
               why="the final score is sum / length ** length_penalty, over the generated tokens")
    yield case("width 1 is greedy", rnd(3, 6, 2), [0], 2, 1, 7,
               why="beam_width 1 takes the best token at every step")
    yield case("early finisher wins", rnd(4, 6, 5, eos_boost=0.6, scale=1.0), [2], 5, 3, 8,
               why="a beam that ended with EOS early must be kept: it can beat every longer one")
    yield case("wide beam = exhaustive search", rnd(5, 3, 1, eos_boost=0.2), [0], 1, 27, 3,
               oracle="exhaustive", why="with beam_width ≥ V^max_new_tokens nothing is pruned: the best of all sequences")
    yield case("ties: enumeration order", {"kind": "table", "V": 4, "rows": [[L(0.25), L(0.25), L(0.25), L(0.25)]] * 2 +
               [[L(0.3), L(0.3), L(0.3), L(0.1)]]}, [], 3, 3, 4,
               why="equal scores keep the order parent rank, then token id (a stable sort); the first of equal finals wins")
    yield case("EOS is a likely but short path", {"kind": "table", "V": 3,
               "rows": [[L(0.6), L(0.3), L(0.1)], [L(0.45), L(0.45), L(0.1)]]}, [0], 2, 2, 4, 0.0,
               why="probabilities must be multiplied (log-probs added), not summed")
    yield case("finished beams are not replaced", rnd(7169, 5, 1, eos_boost=0.2, scale=1.0), [4, 4], 1, 3, 3, 1.0,
               why="only the first beam_width candidates are kept: when some of them end with EOS, fewer beams "
                   "stay alive; the beam is not refilled from lower-ranked candidates")
    yield case("survivors compete with the finished", rnd(5740, 4, 2, eos_boost=0.2, scale=1.0), [1], 2, 3, 2,
               why="beams still alive at max_new_tokens are complete too, and can beat the ones that ended with EOS")
    # -- edge ---------------------------------------------------------------------------------
    yield case("wide beam with a length penalty = exhaustive", rnd(6, 3, 0, eos_boost=0.1), [], 0, 40, 3, 2.0,
               tier="edge", oracle="exhaustive", why="length_penalty 2 favours long hypotheses; the normalised best")
    yield case("beam wider than the vocabulary", rnd(7, 3, 2), [1, 1], 2, 10, 4, tier="edge",
               why="the first step has only V candidates")
    yield case("one step", rnd(8, 5, 4), [0], 4, 3, 1, tier="edge",
               why="max_new_tokens = 1: every hypothesis has one token")
    yield case("long prompt, length penalty", rnd(9, 5, 0, eos_boost=0.25), [4, 3, 2, 1, 4, 3], 0, 3, 6, 1.0,
               tier="edge", why="the length in the penalty counts generated tokens only, not the prompt")
    yield case("everything finishes at once", {"kind": "table", "V": 3, "rows": [[L(0.05), L(0.05), L(0.9)],
               [L(0.2), L(0.2), L(0.6)]]}, [0], 2, 2, 5, tier="edge",
               why="when every kept candidate ends with EOS no beam is left: stop and pick among the finished")
