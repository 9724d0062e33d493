def beam_search(next_logprobs, prompt: list, eos: int, beam_width: int, max_new_tokens: int,
                length_penalty: float = 0.0) -> tuple:
    """Beam search. next_logprobs(tokens) -> list of V log-probabilities of the next token.

    Returns (generated_tokens, score): the best hypothesis (EOS included if it finished,
    prompt excluded) and its score sum(log-probs) / len(generated_tokens) ** length_penalty.
    """
    # TODO: expand every alive beam by every token, keep the best beam_width, move EOS-ended ones to finished
    raise NotImplementedError
