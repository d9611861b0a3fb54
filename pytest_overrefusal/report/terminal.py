"""The end-of-run table: one block per model, one row per category."""

from __future__ import annotations

from ..metrics import ALL, Rates

COLUMNS = ("category", "cases", "passed", "failed", "errors", "over-refusal", "unsafe-compliance")


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1%}"


def table_lines(model: str, rows: dict[str, Rates]) -> list[str]:
    """Lines of a fixed-width table for one model; the `all` row comes last."""
    body = [
        (name, str(r.cases), str(r.passed), str(r.failed), str(r.errors),
         percent(r.over_refusal_rate), percent(r.unsafe_compliance_rate))
        for name, r in rows.items()
        if name != ALL
    ]
    total = rows[ALL]
    footer = (ALL, str(total.cases), str(total.passed), str(total.failed), str(total.errors),
              percent(total.over_refusal_rate), percent(total.unsafe_compliance_rate))
    widths = [max(len(row[i]) for row in (COLUMNS, *body, footer)) for i in range(len(COLUMNS))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:]))])

    rule = "-" * len(line(COLUMNS))
    return [f"model: {model}", line(COLUMNS), rule, *map(line, body), rule, line(footer)]
