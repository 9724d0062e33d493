import torch
import torch.nn.functional as F


def linear_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor, causal: bool = False) -> torch.Tensor:
    """Linear attention with the feature map φ(x) = elu(x) + 1.

    Q, K: (B, h, N, d), V: (B, h, N, d_v) -> (B, h, N, d_v), dtype of Q.
    out_i = φ(q_i)ᵀ S / (φ(q_i)ᵀ z),  S = Σ_j φ(k_j) v_jᵀ,  z = Σ_j φ(k_j)
    causal=True: the sums run over j <= i only. Time and memory linear in N.
    """
    # TODO
    raise NotImplementedError
