import torch
import torch.nn.functional as F


def linear_attention(Q, K, V, causal=False):
    """The textbook causal form: prefix sums of the outer products φ(k_j) v_jᵀ (N·d·d_v memory)."""
    phi_q, phi_k = F.elu(Q) + 1, F.elu(K) + 1
    if not causal:
        S = torch.einsum("bhnd,bhne->bhde", phi_k, V)
        z = phi_k.sum(dim=2)
        num = torch.einsum("bhnd,bhde->bhne", phi_q, S)
        den = torch.einsum("bhnd,bhd->bhn", phi_q, z).unsqueeze(-1)
        return num / den
    S = torch.cumsum(phi_k.unsqueeze(-1) * V.unsqueeze(-2), dim=2)      # (B, h, N, d, d_v)
    z = torch.cumsum(phi_k, dim=2)                                      # (B, h, N, d)
    num = torch.einsum("bhnd,bhnde->bhne", phi_q, S)
    den = (phi_q * z).sum(-1, keepdim=True)
    return num / den
