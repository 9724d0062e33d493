# expect: elu-without-plus-one
# feature map elu(x) without the + 1: features can be negative and the denominator can cross zero
import torch
import torch.nn.functional as F


def linear_attention(Q, K, V, causal=False, chunk=256):
    phi_q = F.elu(Q)
    phi_k = F.elu(K)
    if not causal:
        S = phi_k.transpose(-2, -1) @ V                  # (B, h, d, d_v)
        z = phi_k.sum(dim=-2)                             # (B, h, d)
        num = phi_q @ S
        den = (phi_q * z.unsqueeze(-2)).sum(-1, keepdim=True)
        return num / den
    N = Q.shape[-2]
    S = Q.new_zeros(Q.shape[:-2] + (Q.shape[-1], V.shape[-1]))
    z = Q.new_zeros(Q.shape[:-2] + (Q.shape[-1],))
    outs = []
    for s in range(0, N, chunk):
        q, k, v = phi_q[..., s:s + chunk, :], phi_k[..., s:s + chunk, :], V[..., s:s + chunk, :]
        a = torch.tril(q @ k.transpose(-2, -1))
        num = q @ S + a @ v
        den = (q * z.unsqueeze(-2)).sum(-1, keepdim=True) + a.sum(-1, keepdim=True)
        outs.append(num / den)
        S = S + k.transpose(-2, -1) @ v
        z = z + k.sum(-2)
    return torch.cat(outs, dim=-2)
