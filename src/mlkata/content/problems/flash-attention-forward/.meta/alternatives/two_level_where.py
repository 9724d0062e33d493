import math
import torch


def flash_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor, block_size: int = 64, causal: bool = False) -> torch.Tensor:
    """Tiled attention: query blocks x key blocks."""
    B, H, N, D = Q.shape
    M = K.shape[-2]
    Br = Bc = block_size
    O = torch.zeros(*Q.shape[:-1], V.shape[-1], dtype=Q.dtype)
    for i in range(0, N, Br):
        q = Q[..., i:i + Br, :]
        br = q.shape[-2]
        mi = torch.full((B, H, br), float('-inf'), dtype=Q.dtype)
        li = torch.zeros((B, H, br), dtype=Q.dtype)
        oi = torch.zeros((B, H, br, V.shape[-1]), dtype=Q.dtype)
        for j in range(0, M, Bc):
            if causal and j > i + br - 1:
                break
            k = K[..., j:j + Bc, :]
            v = V[..., j:j + Bc, :]
            S = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(D)
            if causal:
                rows = torch.arange(i, i + br)[:, None]
                cols = torch.arange(j, j + k.shape[-2])[None, :]
                S = torch.where(cols <= rows, S, torch.tensor(-torch.inf, dtype=S.dtype))
            mij = S.amax(-1)
            m_new = torch.maximum(mi, mij)
            P = torch.exp(S - m_new[..., None])
            corr = torch.exp(mi - m_new)
            li = corr * li + P.sum(-1)
            oi = corr[..., None] * oi + P @ v
            mi = m_new
        O[..., i:i + br, :] = oi / li[..., None]
    return O

if __name__ == "__main__":
    Q = torch.zeros(1, 1, 1, 1); K = torch.zeros(1, 1, 4, 1)
    V = torch.tensor([1., 2., 3., 4.]).view(1, 1, 4, 1)
    print(flash_attention(Q, K, V, block_size=2))
