"""Case files as pytest collectors, and one CaseItem per (case, model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from .cases import Case, CaseFileError, load_file
from .client import ProviderError
from . import judges
from .judges import Verdict
from .session import session_of


class CaseFile(pytest.File):
    """A YAML or JSONL case file."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        session = session_of(self.config)
        try:
            loaded = load_file(self.path, display=self.nodeid or self.path.name, judges=judges.names())
        except CaseFileError as error:
            raise self.CollectError(str(error)) from None
        for case in loaded.cases:
            first_file = session.claim_case_id(case.id, self.nodeid)
            if first_file is not None:
                message = f"{self.nodeid}: case {case.id!r}: $.id: duplicate id, first defined in {first_file}"
                yield InvalidCase.from_parent(self, name=case.id, message=message)
                continue
            case = case.with_system_prompt(session.settings.system_prompt)
            for model in session.settings.models or (None,):
                name = f"{case.id}[{model}]" if model else case.id
                yield CaseItem.from_parent(self, name=name, case=case, model=model)
        for problem in loaded.problems:
            yield InvalidCase.from_parent(self, name=problem.case_id or f"#{problem.index + 1}", message=str(problem))


class InvalidCase(pytest.Collector):
    """A case that failed validation: a one-line collection error, while its neighbours still run."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def collect(self) -> list[pytest.Item]:
        raise self.CollectError(self.message)


class CaseFailed(Exception):
    """The verdict does not match what the case expects."""


class CaseItem(pytest.Item):
    """One case asked of one model; passes when the judge's verdict matches `expect`."""

    def __init__(self, *, case: Case, model: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.model = model
        self.verdict: Verdict | None = None
        self.add_marker(case.expect)
        for name in session_of(self.config).register_case_markers(case):
            self.add_marker(name)

    def setup(self) -> None:
        """Fetch the reply and judge it: a provider error or an unscored verdict is an ERROR."""
        if self.model is None:
            pytest.skip("no model to ask: pass --model (or set overrefusal_models in the ini file)")
        session = session_of(self.config)
        try:
            self.reply = session.reply_for(self.case, self.model)
        except ProviderError as error:
            problem = f"{error.kind}: {error}"
        else:
            problem = None
        if problem:  # failing outside the except block keeps litellm's exception chain out of the report
            session.attach_result(self, error=problem)
            pytest.fail(problem, pytrace=False)
        self.verdict = session.judge(self.case, self.reply)
        session.attach_result(self, reply=self.reply, verdict=self.verdict)
        if not self.verdict.scored:
            pytest.fail(f"unscored by the {self.verdict.judge} judge: {self.verdict.explanation}", pytrace=False)

    def runtest(self) -> None:
        if not (self.verdict and self.verdict.passed):
            raise CaseFailed()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, CaseFailed):
            return failure_text(self.case, self.model or "", self.reply.answer, self.verdict)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.case.id} [{self.model}]"


ANSWER_PREVIEW = 500


def failure_text(case: Case, model: str, answer: str, verdict: Verdict | None) -> str:
    """What a reviewer needs to see of a failed case, without Python traceback noise."""
    assert verdict is not None
    shown = answer if len(answer) <= ANSWER_PREVIEW else answer[:ANSWER_PREVIEW] + f" … [{len(answer)} chars]"
    turns = "\n".join(f"  [{m.role}] {_indent(m.content)}" for m in case.messages)
    return "\n".join([
        f"expected {case.expect}, got {verdict.label} ({verdict.judge} judge): {verdict.explanation}",
        f"case {case.id} (suite {case.suite}, category {case.category}) asked of {model}",
        "prompt:",
        turns,
        "answer:",
        f"  {_indent(shown) if shown.strip() else '(empty)'}",
    ])


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")
