import heapq


def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    # only the top beam_width tokens of each beam can reach the global top beam_width
    beams = [(0.0, list(prompt))]
    done = []
    n0 = len(prompt)
    for _ in range(max_new_tokens):
        if not beams:
            break
        cands = []
        for rank, (s, toks) in enumerate(beams):
            lp = list(next_logprobs(toks))
            top = heapq.nlargest(beam_width, range(len(lp)), key=lambda t: lp[t])
            cands += [(s + lp[t], rank, t, toks + [t]) for t in top]
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        beams = []
        for s, _, t, toks in cands[:beam_width]:
            (done.append((toks[n0:], s)) if t == eos else beams.append((s, toks)))
    done += [(toks[n0:], s) for s, toks in beams]
    scored = [(s / len(g) ** length_penalty, i, g) for i, (g, s) in enumerate(done)]
    best = min(scored, key=lambda x: (-x[0], x[1]))
    return best[2], best[0]
