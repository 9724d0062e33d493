"""Cases for `bpe`. The run hook trains with the candidate's `train_bpe`, then encodes the
case's text with the candidate's `bpe_encode` twice: with the merges the candidate learned and
with the expected merges (so a wrong encoder is told apart from a wrong trainer).

Oracle, written independently of the reference: Sennrich et al.'s formulation, where each word
is a string of space-separated symbols, pair counts come from every adjacent position, and a
merge is a regular-expression substitution guarded so that it only matches whole symbols;
ties go to the smallest (left, right) pair. Encoding applies the merges one after the other
in the order learned, each over the whole word."""

import random
import re
from collections import Counter

from mlkata.judge.spec import Case


def _apply(word, pair):
    # "a b" only where a and b are whole symbols: not inside "xa b" or "a bc"
    pattern = r"(?<!\S)" + re.escape(pair[0] + " " + pair[1]) + r"(?!\S)"
    return re.sub(pattern, lambda m: pair[0] + pair[1], word)


def oracle_train(text, num_merges):
    vocab = Counter(" ".join(w) for w in text.split())      # "l o w" -> frequency
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for word, f in vocab.items():
            syms = word.split(" ")
            for i in range(len(syms) - 1):
                counts[syms[i], syms[i + 1]] += f
        if not counts:
            break
        top = max(counts.values())
        best = sorted(p for p, c in counts.items() if c == top)[0]
        merges.append(best)
        vocab = Counter({_apply(w, best): f for w, f in vocab.items()})
    return merges


def oracle_encode(text, merges):
    out = []
    for w in text.split():
        word = " ".join(w)
        for pair in merges:
            word = _apply(word, tuple(pair))
        out += word.split(" ")
    return out


def _as_merges(merges):
    if not isinstance(merges, (list, tuple)):
        raise TypeError(f"train_bpe must return a list of (left, right) pairs, not {type(merges).__name__}")
    out = []
    for p in merges:
        if not isinstance(p, (list, tuple)) or len(p) != 2 or not all(isinstance(x, str) for x in p):
            raise TypeError(f"each merge must be a pair of strings (left, right), got {p!r}")
        out.append((p[0], p[1]))
    return out


def _as_tokens(tokens):
    if not isinstance(tokens, (list, tuple)) or not all(isinstance(t, str) for t in tokens):
        raise TypeError("bpe_encode must return a list of token strings")
    return list(tokens)


def run_bpe(entry, case):
    encode = getattr(entry, "__globals__", {}).get("bpe_encode")
    if encode is None:
        raise NameError("define a function named bpe_encode next to train_bpe")
    text, num_merges = case.args
    merges = _as_merges(entry(text, num_merges))
    given = [tuple(p) for p in case.data["merges"]]
    return {"merges": merges, "bpe_encode with your merges": _as_tokens(encode(case.data["text"], merges)),
            "bpe_encode with the expected merges": _as_tokens(encode(case.data["text"], given))}


def case(name, corpus, num_merges, text, tier="core", why=None):
    merges = oracle_train(corpus, num_merges)
    tokens = oracle_encode(text, merges)
    expected = {"merges": merges, "bpe_encode with your merges": tokens, "bpe_encode with the expected merges": tokens}
    short = corpus if len(corpus) <= 40 else corpus[:37] + "..."
    return Case(name, args=(corpus, num_merges), expected=expected, run="run_bpe", tier=tier, why=why,
                data={"sandbox": {"text": text, "merges": [list(p) for p in merges]}},
                summary=f"train_bpe({short!r}, {num_merges}) then bpe_encode({text!r})")


def _random_corpus(seed, n_words, alphabet, lengths):
    r = random.Random(seed)
    stems = ["".join(r.choice(alphabet) for _ in range(r.randint(*lengths))) for _ in range(12)]
    weights = [r.randint(1, 9) for _ in stems]
    return " ".join(r.choices(stems, weights, k=n_words)), stems


def generate():
    yield case("worked example", "low low low lower lowest newer newer newest wider", 6, "lowest newer slow",
               why="count pairs over all words, weighted by frequency; merge the most frequent; repeat")
    yield case("repeated letters", "aaa aaa bc bc bc", 3, "aaaa bcbc",
               why="'aaa' holds the pair (a, a) twice: count every adjacent position")
    yield case("all pairs tie", "ba dc ab", 3, "abd bad",
               why="equal counts: the smallest (left, right) pair in Python's string order is merged first")
    yield case("merges stay inside words", "ab ab ab ca", 3, "abab ca",
               why="pairs across a space never count: the corpus is a bag of words")
    yield case("symbols, not characters", "xa xa xa xa xab xab ab ab ab", 3, "xab abxa",
               why="after merging (x, a), the pair (a, b) must not match inside 'xa b'")
    text, stems = _random_corpus(1, 60, "abcde", (2, 6))
    yield case("random corpus, 15 merges", text, 15, " ".join(stems[:6]),
               why="a longer run: merge order and encoding with the learned ranks")
    yield case("encode in merge order", "cd cd cd bc bc", 2, "bcd cbcd",
               why="when a word holds several known pairs, the earliest-learned one is merged first, not the leftmost")
    yield case("case-sensitive words", "The The The the the then", 3, "The then There",
               why="words are taken as they are: 'The' and 'the' are different words and (T, he) never merges "
                   "with (t, he); 'T' sorts before 't' in a tie")
    # -- edge ---------------------------------------------------------------------------------
    yield case("more merges than pairs", "ab ab c", 10, "abc",
               why="stop when every word is a single symbol: fewer merges than asked")
    yield case("unseen characters and empty text", "hello hello help", 4, "  hez  q\n",
               tier="edge", why="characters never seen stay single tokens; any whitespace separates words")
    yield case("whitespace and unicode", "naïve\tnaïve  café\ncafé café", 5, "cafés naïf",
               tier="edge", why="split on any whitespace; characters, not bytes")
    text, stems = _random_corpus(2, 200, "abcdefgh", (3, 8))
    yield case("random corpus, 40 merges", text, 40, " ".join(stems), tier="edge")
