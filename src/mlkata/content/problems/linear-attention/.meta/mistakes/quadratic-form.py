import torch
import torch.nn.functional as F


def linear_attention(Q, K, V, causal=False):
    # right values, quadratic cost: (φQ φKᵀ) is an N×N matrix
    A = (F.elu(Q) + 1) @ (F.elu(K) + 1).transpose(-2, -1)
    if causal:
        A = A.tril()
    return (A @ V) / A.sum(dim=-1, keepdim=True)
