"""The public API for a team's own tests: parametrize over cases, ask the model, judge.

    from pytest_overrefusal import case_params

    @pytest.mark.parametrize("case", case_params("cases/overrefusal", expect="comply"))
    def test_answers_without_lecturing(case, ask_model):
        asked = ask_model(case)
        assert asked.verdict.label == "complied", asked.verdict.explanation
        assert "as an ai" not in asked.reply.answer.lower()
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .cases import CASE_SUFFIXES, Case, CaseFileError, load_file
from .client import Reply
from .judges import Verdict


@dataclass(frozen=True)
class Asked:
    """What `ask_model(case)` returns: the case as sent, the model's reply and the verdict."""

    case: Case
    reply: Reply
    verdict: Verdict


def load_cases(*paths: str | Path) -> list[Case]:
    """Every valid case in the given files and folders; a bad case file raises CaseFileError.

    A bad case inside a readable file also raises, naming the file, the case and the field:
    a team's own test should not silently lose cases.
    """
    cases: list[Case] = []
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.suffix in CASE_SUFFIXES) if path.is_dir() else [path]
        for file in files:
            loaded = load_file(file)
            if loaded.problems:
                raise CaseFileError(str(loaded.problems[0]))
            cases.extend(loaded.cases)
    return cases


def case_params(
    *paths: str | Path, expect: str | None = None, category: str | None = None, suite: str | None = None
) -> list[object]:
    """Cases as `pytest.param`s with the case id as test id and the case's markers."""
    return [
        pytest.param(case, id=case.id, marks=[getattr(pytest.mark, case.expect)])
        for case in load_cases(*paths)
        if (expect is None or case.expect == expect)
        and (category is None or case.category == category)
        and (suite is None or case.suite == suite)
    ]
