"""Read case files (YAML written by people, JSONL written by programs) into Case values.

Every problem is reported in one line that names the file, the case id and the JSON path of
the bad field; a bad case never hides the good cases beside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Collection, Iterable

import jsonschema
import yaml

from .model import Case, Message

YAML_SUFFIXES = (".yaml", ".yml")
CASE_SUFFIXES = YAML_SUFFIXES + (".jsonl",)


class CaseFileError(Exception):
    """A whole file could not be read (syntax, top-level shape); its message is one line."""


@dataclass(frozen=True)
class Problem:
    """One bad case: where it is and what is wrong with which fields, for a one-line error."""

    file: str
    case_id: str | None
    fields: tuple[tuple[str, str], ...]  # (JSON path of the bad field, what is wrong)
    index: int = 0  # position in the file, to name a case without an id

    @property
    def json_path(self) -> str:
        return self.fields[0][0]

    def __str__(self) -> str:
        who = f"case {self.case_id!r}" if self.case_id else f"case #{self.index + 1} (no id)"
        detail = "; ".join(f"{path}: {message}" for path, message in self.fields)
        return f"{self.file}: {who}: {detail}"


@dataclass(frozen=True)
class LoadedFile:
    cases: tuple[Case, ...]
    problems: tuple[Problem, ...]


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The case file JSON Schema shipped in the package."""
    text = resources.files(__package__).joinpath("case.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(definition: str) -> jsonschema.protocols.Validator:
    """A validator for one of the schema's `$defs`, with its local references inlined.

    jsonschema resolves every `$ref` again for every instance it checks; with the references
    replaced by what they point to it does not, and checks a case in about half the time. The
    meaning, the errors and their paths are the same (a test compares them with the schema as
    written).
    """
    root = schema()
    cls = jsonschema.validators.validator_for(root)
    inlined = _without_refs(root["$defs"][definition], root["$defs"], ())
    return cls({**inlined, "$defs": root["$defs"]})  # $defs: for a reference kept in a cycle


def _without_refs(node: Any, defs: dict[str, Any], within: tuple[str, ...]) -> Any:
    """`node` with each `{"$ref": "#/$defs/X"}` as X itself, and `{"$ref": ..., more}` as
    `{"allOf": [X], more}`: the same meaning (a reference kept only where it would loop)."""
    if isinstance(node, list):
        return [_without_refs(item, defs, within) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    name = ref.rsplit("/", 1)[1] if isinstance(ref, str) and ref.startswith("#/$defs/") else None
    if name is None or name not in defs or name in within:
        return {key: _without_refs(value, defs, within) for key, value in node.items()}
    rest = {key: _without_refs(value, defs, within) for key, value in node.items() if key != "$ref"}
    target = _without_refs(defs[name], defs, within + (name,))
    return {**rest, "allOf": [target, *rest.get("allOf", [])]} if rest else target


def is_case_file(path: Path) -> bool:
    return path.suffix in CASE_SUFFIXES


def load_file(path: Path | str, display: str | None = None, judges: Collection[str] | None = None) -> LoadedFile:
    """Load one case file; raises CaseFileError when nothing in it can be read.

    `judges`, when given, are the known judge names: a case naming another is a problem.
    """
    path = Path(path)
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError(f"{name}: cannot read: {error}") from None
    if path.suffix == ".jsonl":
        defaults, raw_cases = _parse_jsonl(text, name)
    else:
        defaults, raw_cases = _parse_yaml(text, name)
    return build_cases(raw_cases, defaults, name, path.parent.name or "cases", judges)


# A case as read: (where, for messages: "file" or "file:line"; its JSON path; the raw value).
RawCase = tuple[str, str, Any]


def build_cases(
    raw_cases: Iterable[RawCase],
    defaults: dict[str, Any],
    file: str,
    suite_default: str,
    judges: Collection[str] | None = None,
) -> LoadedFile:
    """Apply defaults, validate, and turn raw case objects (with their JSON paths) into Cases."""
    cases: list[Case] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, (where, json_path, raw) in enumerate(raw_cases):
        case_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
        found = _case_problems(raw, defaults, json_path, judges)
        if not found and case_id in seen:
            found = [(f"{json_path}.id", f"duplicate id {case_id!r} in this file")]
        if found:
            problems.append(Problem(where, case_id, tuple(found), index))
            continue
        seen.add(case_id)
        cases.append(_to_case({**defaults, **raw}, file, suite_default))
    return LoadedFile(tuple(cases), tuple(problems))


def _case_problems(
    raw: Any, defaults: dict[str, Any], json_path: str, judges: Collection[str] | None
) -> list[tuple[str, str]]:
    """Schema problems of one case: first as written, then with the file's defaults applied."""
    if not isinstance(raw, dict):
        return [(json_path, f"a case is a mapping of fields, not {type(raw).__name__}")]
    merged = {**defaults, **raw}
    # A valid case (the common one) is checked once; only a bad one is checked twice, as written
    # and then with the defaults, so that the error names the field where it was written.
    errors = [] if _validator("case").is_valid(merged) else (
        list(_validator("case_fields").iter_errors(raw)) or list(_validator("case").iter_errors(merged)))
    if not errors and raw.get("system") is not None and _has_system_turn(raw):
        return [(f"{json_path}.system", "give a system prompt in `system` or in `messages`, not both")]
    judge = raw.get("judge", defaults.get("judge"))
    if not errors and judges is not None and judge is not None and judge not in judges:
        where = f"{json_path}.judge" if "judge" in raw else "$.defaults.judge"
        return [(where, f"unknown judge {judge!r} (known: {', '.join(sorted(judges))})")]
    return [(_join(json_path, error.json_path), _describe(error)) for error in _most_relevant(errors)]


def _has_system_turn(raw: dict[str, Any]) -> bool:
    return any(m.get("role") == "system" for m in raw.get("messages", []))


def _most_relevant(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """One error per bad field, the deepest (most specific) first."""
    # A failing `allOf` branch also makes its fields look unevaluated: report the real error only.
    if any(e.validator != "unevaluatedProperties" for e in errors):
        errors = [e for e in errors if e.validator != "unevaluatedProperties"]
    by_path: dict[str, jsonschema.ValidationError] = {}
    for error in sorted(errors, key=jsonschema.exceptions.relevance):
        best = jsonschema.exceptions.best_match([error])
        by_path.setdefault(best.json_path, best)
    return list(by_path.values())


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "not" and error.validator_value == {"required": ["prompt", "messages"]}:
        return "give `prompt` or `messages`, not both"
    if error.validator == "anyOf" and {"required": ["prompt"]} in error.validator_value:
        return "a case needs `prompt` or `messages`"
    if error.validator == "contains":
        return "the conversation needs at least one user turn"
    if error.validator in ("unevaluatedProperties", "additionalProperties"):
        names = re.findall(r"'([^']*)'", error.message.partition("(")[2])
        return f"unknown field {', '.join(map(repr, names))}" if names else error.message
    return error.message


def _join(prefix: str, json_path: str) -> str:
    return prefix + json_path[1:]  # error.json_path starts with "$"


def _to_case(fields: dict[str, Any], file: str, suite_default: str) -> Case:
    messages = [Message(m["role"], m["content"]) for m in fields.get("messages", [])]
    if "prompt" in fields:
        messages = [Message("user", fields["prompt"])]
    if fields.get("system") is not None and not any(m.role == "system" for m in messages):
        messages.insert(0, Message("system", fields["system"]))
    return Case(
        id=fields["id"],
        category=fields["category"],
        expect=fields["expect"],
        messages=tuple(messages),
        suite=fields.get("suite") or suite_default,
        file=file,
        pair=fields.get("pair"),
        helpful_keywords=tuple(fields.get("helpful_keywords", ())),
        harmful_keywords=tuple(fields.get("harmful_keywords", ())),
        risk_rationale=fields.get("risk_rationale"),
        scenario=fields.get("scenario"),
        difficulty=fields.get("difficulty"),
        judge=fields.get("judge"),
        tags=tuple(fields.get("tags", ())),
        source=fields.get("source"),
        note=fields.get("note"),
    )


def _parse_yaml(text: str, name: str) -> tuple[dict[str, Any], list[RawCase]]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CaseFileError(f"{name}:{where}: not valid YAML: {problem}") from None
    if not isinstance(document, dict):
        raise CaseFileError(f"{name}: $: a case file is a mapping with `cases:` (and optional `defaults:`)")
    top = _top_level_errors(document)
    if top:
        raise CaseFileError(f"{name}: {top[0]}")
    defaults = document.get("defaults") or {}
    return defaults, [(name, f"$.cases[{i}]", raw) for i, raw in enumerate(document["cases"])]


def _top_level_errors(document: dict[str, Any]) -> list[str]:
    """Problems with the file's own shape (not with one case), which make the file unreadable."""
    found = []
    unknown = sorted(set(document) - {"defaults", "cases"})
    if unknown:
        found.append(f"$: unknown top-level field(s) {', '.join(map(repr, unknown))}: expected `defaults` and `cases`")
    if "cases" not in document:
        found.append("$: no `cases:` list")
    elif not isinstance(document["cases"], list):
        found.append("$.cases: must be a list of cases")
    if document.get("defaults") is not None:
        for error in _validator("defaults").iter_errors(document["defaults"]):
            found.append(f"{_join('$.defaults', error.json_path)}: {_describe(error)}")
    return found


def _parse_jsonl(text: str, name: str) -> tuple[dict[str, Any], list[RawCase]]:
    defaults: dict[str, Any] = {}
    raw_cases: list[RawCase] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise CaseFileError(f"{name}:{number}: not valid JSON: {error.msg} (column {error.colno})") from None
        if isinstance(value, dict) and set(value) == {"defaults"} and not raw_cases:
            for error in _validator("defaults").iter_errors(value["defaults"]):
                raise CaseFileError(f"{name}:{number}: {_join('$.defaults', error.json_path)}: {_describe(error)}")
            defaults = value["defaults"]
            continue
        raw_cases.append((f"{name}:{number}", "$", value))
    return defaults, raw_cases
