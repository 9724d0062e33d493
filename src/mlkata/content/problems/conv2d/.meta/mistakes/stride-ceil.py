import math

import numpy as np


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """2-D cross-correlation as torch.nn.functional.conv2d: x (N, C_in, H, W), weight (C_out, C_in, kH, kW)."""
    N, C_in, H, W = x.shape
    C_out, _, kH, kW = weight.shape
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    dh, dw = _pair(dilation)
    # a dilated kernel spans d·(k − 1) + 1 pixels; count the window starts that fit, stride apart
    H_out = math.ceil((H + 2 * ph - dh * (kH - 1) - 1) / sh) + 1             # rounds up, not down
    W_out = math.ceil((W + 2 * pw - dw * (kW - 1) - 1) / sw) + 1
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))            # (N, C_in, H + 2ph, W + 2pw) zeros around
    out = np.zeros((N, C_out, H_out, W_out), dtype=np.result_type(x, weight))
    # one kernel tap (i, j) at a time: the input pixels it meets at every output position
    for i in range(kH):
        for j in range(kW):
            r, c = i * dh, j * dw                                          # tap offset in the padded input
            patch = xp[:, :, r:r + sh * (H_out - 1) + 1:sh, c:c + sw * (W_out - 1) + 1:sw]  # (N, C_in, H_out, W_out)
            out += np.einsum("nchw,oc->nohw", patch, weight[:, :, i, j])   # no flip: cross-correlation
    if bias is not None:
        out += bias[None, :, None, None]                                   # one bias per output channel
    return out.astype(x.dtype, copy=False)
