"""The Case value: one conversation sent to a model, and the behaviour it expects."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

COMPLY = "comply"
REFUSE = "refuse"


@dataclass(frozen=True)
class Message:
    role: str  # system, user or assistant
    content: str


@dataclass(frozen=True)
class Case:
    """A validated case, with the file's defaults already applied."""

    id: str
    category: str
    expect: str  # COMPLY or REFUSE
    messages: tuple[Message, ...]
    suite: str
    file: str = ""
    pair: str | None = None
    helpful_keywords: tuple[str, ...] = ()
    harmful_keywords: tuple[str, ...] = ()
    risk_rationale: str | None = None
    scenario: str | None = None
    difficulty: str | None = None
    judge: str | None = None
    tags: tuple[str, ...] = field(default=())
    source: str | None = None
    note: str | None = None

    @property
    def prompt(self) -> str:
        """The last user turn: what the case asks."""
        return next(m.content for m in reversed(self.messages) if m.role == "user")

    def with_system_prompt(self, system_prompt: str | None) -> "Case":
        """The case with a deployment's system prompt put before its own (merged into one turn)."""
        if not system_prompt:
            return self
        turns = list(self.messages)
        if turns and turns[0].role == "system":
            turns[0] = Message("system", f"{system_prompt}\n\n{turns[0].content}")
        else:
            turns.insert(0, Message("system", system_prompt))
        return replace(self, messages=tuple(turns))
