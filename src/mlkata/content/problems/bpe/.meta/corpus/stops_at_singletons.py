# expect: none
# stops training as soon as the best pair occurs only once, though the statement keeps merging until num_merges
from collections import Counter


def _apply(word, a, b):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    counts = Counter(text.split())
    words = {w: list(w) for w in counts}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for w, syms in words.items():
            for i in range(len(syms) - 1):
                pairs[syms[i], syms[i + 1]] += counts[w]
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        if pairs[best] < 2:          # a pair seen once is not worth a token
            break
        merges.append(best)
        words = {w: _apply(s, *best) for w, s in words.items()}
    return merges


def bpe_encode(text, merges):
    out = []
    for w in text.split():
        syms = list(w)
        for a, b in merges:
            syms = _apply(syms, a, b)
        out.extend(syms)
    return out
