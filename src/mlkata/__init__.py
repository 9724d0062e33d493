"""mlkata: an offline trainer for ML and research-intern coding interviews."""

__version__ = "0.1.0"
