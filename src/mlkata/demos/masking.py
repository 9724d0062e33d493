"""−inf versus a large negative mask value, and what a fully masked row does."""

from __future__ import annotations

NAME = "masking"
TITLE = "−inf versus −1e9 in masks, and the fully masked row"
SECTIONS = ["S3", "Q23"]


def run(seed: int = 0):
    import torch
    import torch.nn.functional as F

    from mlkata.demos import DemoResult, Plot, Series

    torch.manual_seed(seed)
    # 1. weight of a key masked with −1e9 next to one live key at −1e9 + g (float32: spacing 64 there)
    gaps = [0.0, 64.0, 128.0, 1e3, 1e6, 1e9]
    leak = []
    for g in gaps:
        row = torch.tensor([-1e9, -1e9 + g], dtype=torch.float32)
        leak.append(float(torch.softmax(row, -1)[0]))
    # 2. −1e9 in float16: masked_fill cannot represent it
    x16 = torch.zeros(4, dtype=torch.float16)
    try:
        x16.masked_fill(torch.tensor([True, False, False, False]), -1e9)
        fp16 = "no error"
    except RuntimeError as exc:
        fp16 = f"RuntimeError: {str(exc).splitlines()[0][:80]}"
    # 3. a fully masked query row
    q = torch.randn(1, 1, 3, 4)
    k = torch.randn(1, 1, 3, 4)
    v = torch.randn(1, 1, 3, 4)
    mask = torch.zeros(1, 1, 3, 3, dtype=torch.bool)
    mask[..., 0, :] = True                                    # query 0 may attend to nothing
    scores = q @ k.transpose(-2, -1) / 2.0
    with_inf = torch.softmax(scores.masked_fill(mask, float("-inf")), -1) @ v
    with_min = torch.softmax(scores.masked_fill(mask, torch.finfo(scores.dtype).min), -1) @ v
    sdpa = F.scaled_dot_product_attention(q, k, v, attn_mask=~mask)
    row_inf = "NaN" if torch.isnan(with_inf[0, 0, 0]).all() else "finite"
    row_min_uniform = bool(torch.allclose(with_min[0, 0, 0], v[0, 0].mean(0), atol=1e-6))
    row_sdpa_zero = bool((sdpa[0, 0, 0] == 0).all())
    reading = (
        f"A key masked with −1e9 gets weight {leak[-1]:.1e} when the live logit is near 0 — exactly zero in float32 — "
        f"and {leak[1]:.1e} when the live logit sits only 64 above the mask value: it leaks only when the other logits are "
        f"within ~100 of it, so the leak is mostly theoretical. The real hazards are elsewhere: in float16, masked_fill(−1e9) gives "
        f"«{fp16}»; and a query whose keys are all masked gets {row_inf} with −inf (0/0 in softmax), "
        f"{'the plain average of V' if row_min_uniform else 'a mix of V'} with the dtype's finite minimum, and "
        f"{'zeros' if row_sdpa_zero else 'non-zeros'} from torch's scaled_dot_product_attention. Robust code uses −inf "
        f"plus a guard for empty rows, or the dtype's minimum."
    )
    return DemoResult(
        NAME, TITLE, reading,
        numbers={"leak_live_at_0": leak[-1], "leak_live_64_above": leak[1], "float16_masked_fill": fp16, "fully_masked_with_inf": row_inf,
                 "fully_masked_with_finfo_min_is_mean_of_v": str(row_min_uniform), "sdpa_fully_masked_is_zero": str(row_sdpa_zero)},
        plots=[Plot("weight of a −1e9-masked key (float32)", "live logit − (−1e9)", "softmax weight",
                    [Series("masked key", gaps, leak)], logx=True)],
    )
