"""openll: a self-hostable Launch Library 2 (LL2) 2.3.0 API server."""

__version__ = "0.1.0"
