# expect: kernel-flipped
# flips the kernel in both spatial axes (true convolution) instead of cross-correlation
import numpy as np


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    dh, dw = _pair(dilation)
    N, C, H, W = x.shape
    O, _, kH, kW = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    Ho = (H + 2 * ph - dh * (kH - 1) - 1) // sh + 1
    Wo = (W + 2 * pw - dw * (kW - 1) - 1) // sw + 1
    wf = weight[:, :, ::-1, ::-1]   # convolution flips the kernel
    out = np.zeros((N, O, Ho, Wo), dtype=x.dtype)
    for u in range(kH):
        for v in range(kW):
            patch = xp[:, :, u * dh: u * dh + sh * (Ho - 1) + 1: sh, v * dw: v * dw + sw * (Wo - 1) + 1: sw]
            out += np.einsum("nchw,oc->nohw", patch, wf[:, :, u, v])
    if bias is not None:
        out += bias[None, :, None, None]
    return out.astype(x.dtype)
