# expect: weights-not-transposed
# stores the weights as (in, out) matrices for x @ W, not in nn.Linear's (out, in) layout
import torch
import torch.nn as nn


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden_dim=None, multiple_of=1):
        super().__init__()
        H = hidden_dim
        if H is None:
            H = -(-((8 * dim) // 3) // multiple_of) * multiple_of
        self.w_gate = nn.Parameter(torch.randn(dim, H) / dim ** 0.5)   # (D, H)
        self.w_up = nn.Parameter(torch.randn(dim, H) / dim ** 0.5)     # (D, H)
        self.w_down = nn.Parameter(torch.randn(H, dim) / H ** 0.5)     # (H, D)

    def forward(self, x):
        a = x @ self.w_gate                                 # (..., H)
        b = x @ self.w_up
        return (torch.nn.functional.silu(a) * b) @ self.w_down
