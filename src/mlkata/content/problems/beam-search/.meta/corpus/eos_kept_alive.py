# expect: expands-finished
# a beam that emits EOS stays in the alive beam and keeps being extended instead of being set aside
def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    beams = [([], 0.0)]
    for _ in range(max_new_tokens):
        cands = []
        for toks, s in beams:
            lp = next_logprobs(list(prompt) + toks)
            for tok, l in enumerate(lp):
                cands.append((toks + [tok], s + l))
        cands.sort(key=lambda c: c[1], reverse=True)
        beams = cands[:beam_width]
    best = None
    for toks, s in beams:
        # cut the hypothesis at its first EOS for the answer
        if eos in toks:
            toks = toks[:toks.index(eos) + 1]
        final = s / (len(toks) ** length_penalty)
        if best is None or final > best[1]:
            best = (toks, final)
    return best
