# expect: encode-leftmost-pair
# encoding merges the leftmost adjacent pair that is in the merge list, not the pair with the lowest merge rank
from collections import Counter


def train_bpe(text, num_merges):
    words = Counter(tuple(w) for w in text.split())
    merges = []
    for _ in range(num_merges):
        pc = Counter()
        for w, c in words.items():
            for i in range(len(w) - 1):
                pc[w[i], w[i + 1]] += c
        if not pc:
            break
        top = min(pc, key=lambda p: (-pc[p], p))
        merges.append(top)
        nw = Counter()
        for w, c in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == top:
                    out.append(w[i] + w[i + 1]); i += 2
                else:
                    out.append(w[i]); i += 1
            nw[tuple(out)] += c
        words = nw
    return merges


def bpe_encode(text, merges):
    known = set(map(tuple, merges))
    result = []
    for w in text.split():
        s = list(w)
        changed = True
        while changed:
            changed = False
            for i in range(len(s) - 1):
                if (s[i], s[i + 1]) in known:
                    s[i:i + 2] = [s[i] + s[i + 1]]
                    changed = True
                    break
        result.extend(s)
    return result
