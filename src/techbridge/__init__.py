"""techbridge: the Hong Kong–Chongqing technology cooperation platform."""

__version__ = "0.1.0"
