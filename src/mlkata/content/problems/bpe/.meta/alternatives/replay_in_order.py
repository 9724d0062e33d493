from collections import Counter, defaultdict


def _merge(s, a, b):
    out, i = [], 0
    while i < len(s):
        if s[i] == a and i + 1 < len(s) and s[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(s[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    words = [[list(w), f] for w, f in Counter(text.split()).items()]
    merges = []
    while len(merges) < num_merges:
        counts = defaultdict(int)
        for s, f in words:
            for i in range(len(s) - 1):
                counts[s[i], s[i + 1]] += f
        if not counts:
            break
        top = max(counts.values())
        a, b = sorted(p for p in counts if counts[p] == top)[0]
        merges.append((a, b))
        for w in words:
            w[0] = _merge(w[0], a, b)
    return merges


def bpe_encode(text, merges):
    out = []
    for w in text.split():
        s = list(w)
        for a, b in merges:          # replaying every merge in the learned order
            s = _merge(s, a, b)
        out.extend(s)
    return out
