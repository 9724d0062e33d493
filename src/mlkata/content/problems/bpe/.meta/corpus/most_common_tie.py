# expect: ties-first-seen
# picks the best pair with Counter.most_common(1), so ties go to the pair counted first, not the smallest tuple
import collections


def train_bpe(text, num_merges):
    vocab = collections.Counter(text.split())
    corpus = [[list(word), n] for word, n in vocab.items()]
    merges = []
    while len(merges) < num_merges:
        stats = collections.Counter()
        for syms, n in corpus:
            for a, b in zip(syms, syms[1:]):
                stats[(a, b)] += n
        if not stats:
            break
        (a, b), _ = stats.most_common(1)[0]
        merges.append((a, b))
        for entry in corpus:
            syms, new = entry[0], []
            i = 0
            while i < len(syms):
                if i < len(syms) - 1 and syms[i] == a and syms[i + 1] == b:
                    new.append(a + b)
                    i += 2
                else:
                    new.append(syms[i])
                    i += 1
            entry[0] = new
    return merges


def bpe_encode(text, merges):
    tokens = []
    for word in text.split():
        syms = list(word)
        for a, b in merges:
            new, i = [], 0
            while i < len(syms):
                if i < len(syms) - 1 and syms[i] == a and syms[i + 1] == b:
                    new.append(a + b)
                    i += 2
                else:
                    new.append(syms[i])
                    i += 1
            syms = new
        tokens += syms
    return tokens
