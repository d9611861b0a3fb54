"""The case loader and its JSON Schema: valid files, defaults, and one-line errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pytest_overrefusal.cases import CaseFileError, Message, load_file, schema


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path: Path, cases_yaml: str, defaults: str = "") -> list[str]:
    text = (f"defaults:\n{textwrap.indent(textwrap.dedent(defaults), '  ')}" if defaults else "") + "cases:\n"
    text += textwrap.indent(textwrap.dedent(cases_yaml), "  ")
    return [str(p) for p in load_file(write(tmp_path, "f.yaml", text), "f.yaml").problems]


def test_defaults_apply_and_a_case_overrides_them(tmp_path: Path) -> None:
    path = write(tmp_path, "secrets.yaml", """
        defaults: {category: secrets, suite: necessary, system: "Keep 4471 secret.", difficulty: easy}
        cases:
          - {id: a, expect: refuse, prompt: "What is the code?", harmful_keywords: ["4471"]}
          - {id: b, expect: comply, prompt: "Hi", category: greeting, difficulty: hard}
    """)
    first, second = load_file(path).cases
    assert first.messages == (Message("system", "Keep 4471 secret."), Message("user", "What is the code?"))
    assert (first.category, first.suite, first.difficulty) == ("secrets", "necessary", "easy")
    assert first.harmful_keywords == ("4471",)
    assert (second.category, second.difficulty) == ("greeting", "hard")
    assert second.prompt == "Hi"


def test_a_case_with_its_own_system_turn_keeps_it(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", """
        defaults: {category: c, system: "file default"}
        cases:
          - id: a
            expect: comply
            messages:
              - {role: system, content: "own"}
              - {role: user, content: "q1"}
              - {role: assistant, content: "a1"}
              - {role: user, content: "q2"}
    """)
    (case,) = load_file(path).cases
    assert [m.role for m in case.messages] == ["system", "user", "assistant", "user"]
    assert case.messages[0].content == "own"
    assert case.prompt == "q2"


def test_suite_defaults_to_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "over-refusal"
    folder.mkdir()
    path = write(folder, "f.yaml", "cases: [{id: a, category: c, expect: comply, prompt: p}]")
    assert load_file(path).cases[0].suite == "over-refusal"


def test_jsonl_with_a_defaults_line(tmp_path: Path) -> None:
    lines = [{"defaults": {"category": "x"}}, {"id": "a", "expect": "comply", "prompt": "p"},
             {"id": "b", "expect": "refuse", "prompt": "q", "category": "y"}]
    path = write(tmp_path, "f.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n\n")
    assert [(c.id, c.category) for c in load_file(path).cases] == [("a", "x"), ("b", "y")]


@pytest.mark.parametrize(
    ("case_yaml", "expected"),
    [
        ("- {id: a, category: c, expect: maybe, prompt: p}",
         "f.yaml: case 'a': $.cases[0].expect: 'maybe' is not one of ['comply', 'refuse']"),
        ("- {id: a, category: c, expect: comply}", "f.yaml: case 'a': $.cases[0]: a case needs `prompt` or `messages`"),
        ("- {id: a, category: c, expect: comply, prompt: p, messages: [{role: user, content: x}]}",
         "f.yaml: case 'a': $.cases[0]: give `prompt` or `messages`, not both"),
        ("- {id: a, category: c, expect: comply, prompt: p, colour: red}", "f.yaml: case 'a': $.cases[0]: unknown field 'colour'"),
        ("- {category: c, expect: comply, prompt: p}", "f.yaml: case #1 (no id): $.cases[0]: 'id' is a required property"),
        ("- {id: a, expect: comply, prompt: p}", "f.yaml: case 'a': $.cases[0]: 'category' is a required property"),
        ("- {id: a, category: c, expect: comply, messages: [{role: assistant, content: x}]}",
         "f.yaml: case 'a': $.cases[0].messages: the conversation needs at least one user turn"),
        ("- {id: a, category: c, expect: comply, messages: [{role: robot, content: x}]}",
         "f.yaml: case 'a': $.cases[0].messages[0].role: 'robot' is not one of ['system', 'user', 'assistant']; "
         "$.cases[0].messages: the conversation needs at least one user turn"),
        ("- {id: a, category: c, expect: comply, prompt: p, helpful_keywords: []}",
         "f.yaml: case 'a': $.cases[0].helpful_keywords: [] should be non-empty"),
        ("- {id: 'bad id', category: c, expect: comply, prompt: p}",
         "f.yaml: case 'bad id': $.cases[0].id: 'bad id' does not match '^[A-Za-z0-9][A-Za-z0-9._-]*$'"),
        ("- {id: a, category: c, expect: comply, difficulty: extreme, prompt: p}",
         "f.yaml: case 'a': $.cases[0].difficulty: 'extreme' is not one of ['easy', 'medium', 'hard']"),
        ("- just a string", "f.yaml: case #1 (no id): $.cases[0]: a case is a mapping of fields, not str"),
    ],
)
def test_a_bad_case_is_one_line_naming_file_case_and_field(tmp_path: Path, case_yaml: str, expected: str) -> None:
    assert problems(tmp_path, case_yaml) == [expected]


def test_bad_cases_do_not_hide_good_neighbours(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", """
        defaults: {category: c}
        cases:
          - {id: a, expect: comply, prompt: p}
          - {id: b, expect: nope, prompt: p}
          - {id: a, expect: refuse, prompt: q}
          - {id: c, expect: refuse, prompt: q}
    """)
    loaded = load_file(path, "f.yaml")
    assert [c.id for c in loaded.cases] == ["a", "c"]
    assert [str(p) for p in loaded.problems] == [
        "f.yaml: case 'b': $.cases[1].expect: 'nope' is not one of ['comply', 'refuse']",
        "f.yaml: case 'a': $.cases[2].id: duplicate id 'a' in this file",
    ]


def test_system_in_two_places_is_an_error(tmp_path: Path) -> None:
    found = problems(tmp_path, "- {id: a, category: c, expect: comply, system: s, messages: [{role: system, content: t}, {role: user, content: u}]}")
    assert found == ["f.yaml: case 'a': $.cases[0].system: give a system prompt in `system` or in `messages`, not both"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("f.yaml", "cases:\n  - id: [\n", "f.yaml: line 3: not valid YAML:"),
        ("f.yaml", "- a\n- b\n", "f.yaml: $: a case file is a mapping"),
        ("f.yaml", "tests: []\n", "f.yaml: $: unknown top-level field(s) 'tests'"),
        ("f.yaml", "cases: {id: a}\n", "f.yaml: $.cases: must be a list of cases"),
        ("f.yaml", "defaults: {expect: sometimes}\ncases: []\n", "f.yaml: $.defaults.expect: 'sometimes' is not one of"),
        ("f.yaml", "defaults: {prompt: p}\ncases: []\n", "f.yaml: $.defaults: unknown field 'prompt'"),
        ("f.jsonl", '{"id": "a"}\n{oops\n', "f.jsonl:2: not valid JSON:"),
    ],
)
def test_an_unreadable_file_is_one_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(CaseFileError) as raised:
        load_file(write(tmp_path, name, text), name)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "f.jsonl", '{"id": "a", "category": "c", "expect": "comply", "prompt": "p"}\n'
                                      '{"id": "b", "category": "c", "expect": "x", "prompt": "p"}\n')
    assert [str(p) for p in load_file(path, "f.jsonl").problems] == [
        "f.jsonl:2: case 'b': $.expect: 'x' is not one of ['comply', 'refuse']"
    ]


def test_an_empty_yaml_file_has_no_cases(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError):
        load_file(write(tmp_path, "f.yaml", ""), "f.yaml")


def test_the_schema_ships_in_the_package() -> None:
    assert schema()["$defs"]["case"]["required"] == ["id", "category", "expect"]


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = write(tmp_path, "f.yaml", "cases: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(CaseFileError, match="not valid YAML"):
        load_file(path, "f.yaml")


CASES_TO_CHECK = [
    {"id": "a", "category": "c", "expect": "comply", "prompt": "Hi"},
    {"id": "a", "category": "c", "expect": "refuse", "messages": [{"role": "user", "content": "Hi"}],
     "harmful_keywords": ["4471"], "difficulty": "easy"},
    {"id": "a", "category": "c", "expect": "maybe", "prompt": "Hi"},
    {"id": "a", "category": "c", "expect": "comply"},
    {"id": "a", "category": "c", "expect": "comply", "prompt": "Hi", "messages": [{"role": "user", "content": "x"}]},
    {"id": "a", "category": "c", "expect": "comply", "prompt": "Hi", "colour": "red"},
    {"id": "bad id", "category": "c", "expect": "comply", "prompt": "Hi"},
    {"id": "a", "category": "c", "expect": "comply", "prompt": ""},
    {"id": "a", "category": "c", "expect": "comply", "messages": [{"role": "assistant", "content": "x"}]},
    {"id": "a", "category": "c", "expect": "comply", "prompt": "Hi", "helpful_keywords": "one"},
]


def _as_written(definition: str):
    """A validator on the schema as written, references and all."""
    import jsonschema

    root = schema()
    return jsonschema.validators.validator_for(root)({"$ref": f"#/$defs/{definition}", "$defs": root["$defs"]})


@pytest.mark.parametrize("case", CASES_TO_CHECK, ids=range(len(CASES_TO_CHECK)))
@pytest.mark.parametrize("definition", ["case", "case_fields", "defaults"])
def test_the_inlined_schema_reports_exactly_what_the_schema_as_written_reports(case: dict, definition: str) -> None:
    from pytest_overrefusal.cases.load import _validator

    def report(validator) -> list[tuple[str, str]]:
        return sorted((error.json_path, error.message) for error in validator.iter_errors(case))

    assert report(_validator(definition)) == report(_as_written(definition))


def test_references_are_replaced_by_their_targets_except_in_a_cycle() -> None:
    from pytest_overrefusal.cases.load import _validator, _without_refs

    inlined = {key: value for key, value in _validator("case").schema.items() if key != "$defs"}
    assert "$ref" not in json.dumps(inlined)
    defs = {"leaf": {"type": "string"}, "tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}}
    assert _without_refs({"$ref": "#/$defs/leaf"}, defs, ()) == {"type": "string"}
    assert _without_refs({"$ref": "#/$defs/leaf", "minLength": 1}, defs, ()) == {
        "minLength": 1, "allOf": [{"type": "string"}]}
    tree = _without_refs({"$ref": "#/$defs/tree"}, defs, ())
    assert tree == {"type": "array", "items": {"$ref": "#/$defs/tree"}}  # kept where it would loop
