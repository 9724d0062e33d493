# expect: length-counts-prompt
# the length penalty divides by the length of prompt + generated tokens, not the generated tokens alone
def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    alive = [(list(prompt), 0.0)]
    finished = []
    for step in range(max_new_tokens):
        candidates = []
        for seq, score in alive:
            lps = next_logprobs(seq)
            for tok, lp in enumerate(lps):
                candidates.append((seq + [tok], score + lp))
        candidates.sort(key=lambda c: c[1], reverse=True)
        alive = []
        for seq, score in candidates[:beam_width]:
            (finished if seq[-1] == eos else alive).append((seq, score))
        if not alive:
            break
    complete = finished + alive
    scored = [(seq, score / len(seq) ** length_penalty) for seq, score in complete]
    seq, final = max(scored, key=lambda x: x[1])
    return seq[len(prompt):], final
