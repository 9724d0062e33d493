"""mlkata: an offline trainer for ML and research-intern coding interviews."""

__version__ = "0.1.0"


def load_ipython_extension(ipython):  # `%load_ext mlkata`
    from mlkata.notebook import load_ipython_extension as _load

    _load(ipython)
