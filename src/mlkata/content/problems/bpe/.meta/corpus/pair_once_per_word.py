# expect: counts-once-per-word
# counts each distinct pair once per word (a set of pairs), so "aaa" holds (a, a) once instead of twice
from collections import Counter


def _merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    freq = Counter(text.split())
    words = {w: list(w) for w in freq}
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for w, syms in words.items():
            for pair in set(zip(syms, syms[1:])):
                counts[pair] += freq[w]
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append(best)
        words = {w: _merge(s, best) for w, s in words.items()}
    return merges


def bpe_encode(text, merges):
    rank = {tuple(m): i for i, m in enumerate(merges)}
    out = []
    for w in text.split():
        syms = list(w)
        while True:
            pairs = [(rank[p], p) for p in zip(syms, syms[1:]) if p in rank]
            if not pairs:
                break
            syms = _merge(syms, min(pairs)[1])
        out.extend(syms)
    return out
