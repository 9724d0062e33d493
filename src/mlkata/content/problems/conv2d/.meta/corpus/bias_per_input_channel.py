# expect: none
# adds the bias inside the loop over input channels, so each output gets C_in times the bias
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    two = lambda a: (a, a) if np.isscalar(a) else tuple(a)
    sh, sw = two(stride); ph, pw = two(padding); dh, dw = two(dilation)
    N, C, H, W = x.shape
    O, _, kh, kw = weight.shape
    Ho = (H + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    Wo = (W + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    y = np.zeros((N, O, Ho, Wo), dtype=np.float64)
    for c in range(C):
        for u in range(kh):
            for v in range(kw):
                tap = xp[:, c, u * dh:u * dh + sh * (Ho - 1) + 1:sh, v * dw:v * dw + sw * (Wo - 1) + 1:sw]
                y += weight[None, :, c, u, v, None, None] * tap[:, None]
        if bias is not None:
            y += bias[None, :, None, None]
    return y.astype(x.dtype)
