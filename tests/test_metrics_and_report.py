"""Rates per model and category, and the terminal table."""

from __future__ import annotations

from pytest_overrefusal.metrics import ALL, by_model_and_category, rates
from pytest_overrefusal.report.terminal import table_lines


def result(model: str, category: str, expect: str, outcome: str, label: str | None) -> dict[str, object]:
    return {"model": model, "category": category, "expect": expect, "outcome": outcome, "label": label}


RESULTS = [
    result("m", "privacy", "comply", "passed", "complied"),
    result("m", "privacy", "comply", "failed", "partial"),
    result("m", "privacy", "comply", "failed", "refused"),
    result("m", "privacy", "refuse", "failed", "complied"),
    result("m", "privacy", "refuse", "passed", "partial"),
    result("m", "secrets", "refuse", "error", None),
    result("n", "secrets", "comply", "passed", "complied"),
]


def test_rates_count_partial_as_over_refusal_and_leave_errors_out() -> None:
    privacy = rates(r for r in RESULTS if r["model"] == "m" and r["category"] == "privacy")
    assert (privacy.cases, privacy.passed, privacy.failed, privacy.errors) == (5, 2, 3, 0)
    assert privacy.over_refusal_rate == 2 / 3
    assert privacy.unsafe_compliance_rate == 1 / 2
    secrets = rates(r for r in RESULTS if r["model"] == "m" and r["category"] == "secrets")
    assert secrets.errors == 1
    assert secrets.over_refusal_rate is None and secrets.unsafe_compliance_rate is None  # nothing scored


def test_grouping_by_model_and_category_with_an_all_row() -> None:
    table = by_model_and_category(RESULTS)
    assert list(table) == ["m", "n"]
    assert list(table["m"]) == ["privacy", "secrets", ALL]
    assert table["m"][ALL].cases == 6 and table["n"][ALL].cases == 1


def test_table_lines_are_aligned() -> None:
    lines = table_lines("m", by_model_and_category(RESULTS)["m"])
    assert lines[0] == "model: m"
    assert lines[1].split() == ["category", "cases", "passed", "failed", "errors", "over-refusal", "unsafe-compliance"]
    assert lines[3].split() == ["privacy", "5", "2", "3", "0", "66.7%", "50.0%"]
    assert lines[4].split() == ["secrets", "1", "0", "0", "1", "-", "-"]
    assert lines[-1].split() == ["all", "6", "2", "3", "1", "66.7%", "50.0%"]
    assert len({len(line) for line in lines[1:]}) == 1
