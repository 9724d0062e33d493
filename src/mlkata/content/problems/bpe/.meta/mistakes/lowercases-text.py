from collections import Counter


def _merge(symbols, pair, new):
    """Replace each occurrence of `pair` in `symbols`, left to right, without overlaps."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(new)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    """Learn up to num_merges merges from the words of `text`. Returns [(left, right), ...] in order."""
    words = Counter(text.lower().split())                      # lower-cases the corpus: 'The' counted as 'the'
    vocab = {w: list(w) for w in words}                       # word -> its current symbols (chars at first)
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for w, freq in words.items():
            s = vocab[w]
            for pair in zip(s, s[1:]):                        # every adjacent position: "aaa" has (a, a) twice
                counts[pair] += freq
        if not counts:                                        # every word is a single symbol
            break
        best = min(counts, key=lambda p: (-counts[p], p))     # most frequent; ties: smallest (left, right)
        merges.append(best)
        for w in vocab:
            vocab[w] = _merge(vocab[w], best, best[0] + best[1])
    return merges


def bpe_encode(text, merges):
    """Split `text` into words, then each word into tokens with the merges, lowest rank first."""
    rank = {tuple(p): i for i, p in enumerate(merges)}
    tokens = []
    for w in text.lower().split():                            # lower-cases the text too
        s = list(w)
        while len(s) > 1:
            pair = min(zip(s, s[1:]), key=lambda p: rank.get(p, len(rank)))   # the earliest-learned pair
            if pair not in rank:
                break
            s = _merge(s, pair, pair[0] + pair[1])
        tokens += s
    return tokens
