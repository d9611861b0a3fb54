"""Judges turn a reply into a Verdict. Registered by name; never imports pytest."""

from . import heuristic, keyword  # noqa: F401  (registers the built-in judges)
from .base import (
    COMPLIED,
    PARTIAL,
    REFUSED,
    UNSCORED,
    Judge,
    Verdict,
    get,
    judge_name_for,
    meets_expectation,
    names,
    register,
)

__all__ = [
    "COMPLIED",
    "PARTIAL",
    "REFUSED",
    "UNSCORED",
    "Judge",
    "Verdict",
    "get",
    "judge_name_for",
    "meets_expectation",
    "names",
    "register",
]
