import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """2-D convolution as torch.nn.functional.conv2d (cross-correlation, no kernel flip).

    x (N, C_in, H, W), weight (C_out, C_in, kH, kW), bias (C_out,) or None.
    stride, padding, dilation: an int or a pair (for height, width). Zero padding on all four sides.
    Returns (N, C_out, H_out, W_out) with H_out = (H + 2·pad - dil·(kH - 1) - 1) // stride + 1.
    """
    # TODO
    raise NotImplementedError
