# expect: padding-one-side
# puts all 2p padding zeros after the input (bottom/right) instead of p on both sides
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    as2 = lambda a: tuple(a) if isinstance(a, (tuple, list)) else (a, a)
    (sh, sw), (ph, pw), (dh, dw) = as2(stride), as2(padding), as2(dilation)
    kH, kW = weight.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * ph), (0, 2 * pw)))
    eh, ew = dh * (kH - 1) + 1, dw * (kW - 1) + 1     # dilated kernel extent
    win = sliding_window_view(xp, (eh, ew), axis=(2, 3))[..., ::dh, ::dw]
    win = win[:, :, ::sh, ::sw]                         # (N, C, Ho, Wo, kH, kW)
    y = np.einsum("nchwuv,ocuv->nohw", win, weight)
    if bias is not None:
        y = y + bias[:, None, None]
    return y.astype(x.dtype)
