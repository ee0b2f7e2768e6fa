"""The ``build`` fixture lives in factory.py with the model builders."""

from .factory import build

__all__ = ["build"]
