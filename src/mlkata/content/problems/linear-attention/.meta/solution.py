import torch
import torch.nn.functional as F

CHUNK = 64  # causal: tokens per chunk (quadratic inside a chunk, running state across chunks)


def linear_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor, causal: bool = False) -> torch.Tensor:
    """out_i = φ(q_i)ᵀ S / φ(q_i)ᵀ z with φ(x) = elu(x) + 1, S = Σ_j φ(k_j) v_jᵀ, z = Σ_j φ(k_j)."""
    B, h, N, d = Q.shape
    d_v = V.shape[-1]
    # elu(x) + 1 is positive everywhere: every weight φ(q)·φ(k) is > 0, like exp in softmax
    phi_q = F.elu(Q) + 1                                             # (B, h, N, d)
    phi_k = F.elu(K) + 1                                             # (B, h, N, d)
    if not causal:
        # associativity: (φQ φKᵀ) V = φQ (φKᵀ V); the right side never forms an N×N matrix
        S = phi_k.transpose(-2, -1) @ V                              # (B, h, d, d_v)
        z = phi_k.sum(dim=2, keepdim=True).transpose(-2, -1)         # (B, h, d, 1)
        return (phi_q @ S) / (phi_q @ z)                             # (B, h, N, d_v)
    # causal: query i only sums over j <= i. Split the sequence into chunks of C tokens:
    # within a chunk use the small masked C×C form, across chunks the running state (S, z)
    C = min(CHUNK, N)
    n = -(-N // C)                                                   # number of chunks
    pad = n * C - N
    if pad:  # padded keys get φ = 0 and v = 0: they add nothing to any sum; padded queries
        # get φ = 1 so their (discarded) rows divide by a positive number: 0/0 would send
        # NaN through the backward pass into every gradient
        phi_q = F.pad(phi_q, (0, 0, 0, pad), value=1.0)
        phi_k = F.pad(phi_k, (0, 0, 0, pad))
        V = F.pad(V, (0, 0, 0, pad))
    qc = phi_q.view(B, h, n, C, d)                                   # (B, h, n, C, d)
    kc = phi_k.view(B, h, n, C, d)                                   # (B, h, n, C, d)
    vc = V.view(B, h, n, C, d_v)                                     # (B, h, n, C, d_v)
    # each chunk's own contribution to the state ...
    kv = kc.transpose(-2, -1) @ vc                                   # (B, h, n, d, d_v)
    ks = kc.sum(dim=-2)                                              # (B, h, n, d)
    # ... and the state of everything strictly before the chunk (exclusive prefix sum)
    # (shift the inclusive cumsum by one chunk rather than subtract: no cancellation)
    S_prev = F.pad(torch.cumsum(kv, dim=2)[:, :, :-1], (0, 0, 0, 0, 1, 0))  # (B, h, n, d, d_v)
    z_prev = F.pad(torch.cumsum(ks, dim=2)[:, :, :-1], (0, 0, 1, 0))        # (B, h, n, d)
    # inside the chunk: weights φ(q_i)·φ(k_j) for j <= i (the diagonal included)
    w = (qc @ kc.transpose(-2, -1)).tril()                           # (B, h, n, C, C)
    num = w @ vc + qc @ S_prev                                       # (B, h, n, C, d_v)
    den = w.sum(dim=-1, keepdim=True) + qc @ z_prev.unsqueeze(-1)    # (B, h, n, C, 1)
    out = (num / den).view(B, h, n * C, d_v)
    return out[:, :, :N]                                             # (B, h, N, d_v)
