def beam_search(next_logprobs, prompt, eos, beam_width, max_new_tokens, length_penalty=0.0):
    """Beam search over log-probabilities. Returns (generated tokens, final score) of the best hypothesis."""
    alive = [(list(prompt), 0.0)]          # (tokens, summed log-prob), best first
    finished = []                          # (generated tokens, summed log-prob), in the order they finished
    for _ in range(max_new_tokens):
        if not alive:
            break
        # every one-token extension of every alive beam; parents in rank order, tokens in id order
        candidates = []
        for tokens, score in alive:
            logp = next_logprobs(tokens)                          # (V,) log-probabilities
            for tok, lp in enumerate(logp):
                candidates.append((tokens + [tok], score + lp))  # add log-probs (multiply probabilities)
        # best beam_width by score; sort is stable, so ties keep the enumeration order
        candidates.sort(key=lambda c: c[1], reverse=True)
        alive = []
        for rank, (tokens, score) in enumerate(candidates):
            if tokens[-1] == eos:
                if rank < beam_width:
                    finished.append((tokens[len(prompt):], score))   # done: never expanded again
            else:
                alive.append((tokens, score))                # refills the beam past the first beam_width
            if len(alive) == beam_width:
                break
    # beams cut by max_new_tokens compete too, after the ones that finished
    finished += [(tokens[len(prompt):], score) for tokens, score in alive]

    def final(h):  # length-normalised score: sum / len^alpha over generated tokens (EOS included)
        return h[1] / len(h[0]) ** length_penalty

    best = max(finished, key=final)        # max keeps the first of equal scores
    return best[0], final(best)
