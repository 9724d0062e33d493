# expect: dilation-ignored
# output size uses the dilation but the taps read neighbouring pixels (u instead of u * dilation)
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    stride = stride if isinstance(stride, (tuple, list)) else (stride, stride)
    padding = padding if isinstance(padding, (tuple, list)) else (padding, padding)
    dilation = dilation if isinstance(dilation, (tuple, list)) else (dilation, dilation)
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, [(0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2])
    h_out = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    w_out = (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    y = np.zeros((n, c_out, h_out, w_out), dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            r, s = i * stride[0], j * stride[1]
            window = xp[:, :, r:r + kh, s:s + kw]          # (n, c_in, kh, kw)
            y[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        y += bias.reshape(1, -1, 1, 1)
    return y
