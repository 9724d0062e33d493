# expect: ties-by-largest-token
# sorts candidates on (score, tokens) descending, so equal scores are broken towards the larger token ids instead of enumeration order
def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    beams = [(0.0, [])]
    done = []
    for _ in range(max_new_tokens):
        if not beams:
            break
        pool = []
        for score, gen in beams:
            for tok, lp in enumerate(next_logprobs(prompt + gen)):
                pool.append((score + lp, gen + [tok]))
        pool.sort(reverse=True)
        beams = []
        for score, gen in pool[:beam_width]:
            if gen[-1] == eos:
                done.append((score, gen))
            else:
                beams.append((score, gen))
    best_gen, best = None, None
    for score, gen in done + beams:
        f = score / len(gen) ** length_penalty
        if best is None or f > best:
            best_gen, best = gen, f
    return best_gen, best
