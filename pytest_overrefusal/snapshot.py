"""Verdict snapshots with syrupy, one folder per model: `__snapshots__/<model>/<case file>.ambr`.

Each case item asserts the stable part of its verdict (case id, label, passed; with samples,
the label counts) through a real syrupy SnapshotAssertion, so `--snapshot-update` accepts new
behaviour and syrupy writes the files (with its own locking under xdist).

Snapshots are never reported unused or deleted: a run of model A, or of a subset of the cases,
says nothing about model B's snapshots or the cases it did not run. The extension therefore
discovers no snapshots; a snapshot of a removed case stays until its file is edited or removed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syrupy.assertion import SnapshotAssertion
from syrupy.data import SnapshotCollections
from syrupy.extensions.amber import AmberSnapshotExtension
from syrupy.location import PyTestLocation

from .baseline import Flip

if TYPE_CHECKING:
    from .collect import CaseItem
    from .evaluation import Evaluation

SNAPSHOT_DIRNAME = "__snapshots__"


def model_folder(model: str) -> str:
    """A folder name for a model string: `openai/gpt-4o` -> `openai_gpt-4o`."""
    return re.sub(r"[^A-Za-z0-9._+-]+", "_", model).strip("._") or "_"


def snapshot_file(case_file: Path, model: str) -> Path:
    return case_file.parent / SNAPSHOT_DIRNAME / model_folder(model) / f"{case_file.stem}.ambr"


class VerdictSnapshotExtension(AmberSnapshotExtension):
    """Amber files per model beside the case file; one snapshot per case, named by its id."""

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        item = test_location.item
        return str(snapshot_file(Path(test_location.filepath), item.reported_model).parent)

    @classmethod
    def get_snapshot_name(cls, *, test_location: PyTestLocation, index: Any = 0) -> str:
        return test_location.item.case.id

    def discover_snapshots(self, *, test_location: PyTestLocation,
                           ignore_extensions: list[str] | None = None) -> SnapshotCollections:
        return SnapshotCollections()  # see the module docstring: never unused, never deleted


def check(item: "CaseItem", evaluation: "Evaluation") -> str | None:
    """Assert the item's verdict against its model's snapshot; a flip message when it changed."""
    config = item.config
    assertion = SnapshotAssertion(
        update_snapshots=config.option.update_snapshots,
        extension_class=VerdictSnapshotExtension,
        test_location=PyTestLocation(item),
        session=config._syrupy,  # type: ignore[attr-defined]
    )
    data = evaluation.snapshot_data()
    if assertion == data:
        return None
    result = assertion.executions[0]
    location = os.path.relpath(result.snapshot_location, config.rootpath)
    if result.exception is not None:  # syrupy could not read the file (not UTF-8, say); it cannot update it either
        return (f"cannot read the snapshot file {location} ({type(result.exception).__name__}: {result.exception}): "
                "delete it and run with --snapshot-update to record the current verdicts")
    if result.recalled_data is None:  # a new case, or one the file does not hold
        return (f"no recorded verdict for {data.get('case')} in {location}: "
                "run with --snapshot-update to record the current one")
    before = parse_snapshot(result.recalled_data)
    return flip_message(before, data)


def flip_message(before: dict[str, Any], after: dict[str, Any]) -> str:
    """`flipped: refused -> complied (was passing, now failing)`."""
    def label(data: dict[str, Any]) -> str | None:
        if "labels" in data:
            return ", ".join(f"{k} x{v}" for k, v in sorted(data["labels"].items())) or None
        return data.get("label")

    flip = Flip(str(after.get("case")), "", label(before), label(after), before.get("passed"), after.get("passed"))
    return flip.describe()


_FIELD = re.compile(r"'(label|passed)': ('(?P<text>[^']*)'|(?P<word>True|False|None))")
_COUNT = re.compile(r"'([^']+)': (\d+),")


def parse_snapshot(text: str) -> dict[str, Any]:
    """Read back a verdict snapshot as syrupy serialized it (never evaluated as code)."""
    data: dict[str, Any] = {}
    for match in _FIELD.finditer(text):
        word = match.group("word")
        data[match.group(1)] = match.group("text") if word is None else {"True": True, "False": False}.get(word)
    labels_at = text.find("'labels':")
    if labels_at >= 0:
        data["labels"] = {name: int(n) for name, n in _COUNT.findall(text[labels_at:])}
    return data


def read_verdicts(case_file: Path, model: str) -> dict[str, dict[str, Any]]:
    """{case id: {label, passed}} from a model's snapshot of one case file (for --baseline-model)."""
    path = snapshot_file(case_file, model)
    if not path.is_file():
        return {}
    collection = VerdictSnapshotExtension.serializer_class.read_file(str(path))
    verdicts = {}
    for snapshot in collection:
        data = parse_snapshot(str(snapshot.data))
        if "labels" in data and "label" not in data:  # samples: the most common label stands for the case
            data["label"] = max(data["labels"].items(), key=lambda kv: kv[1])[0] if data["labels"] else None
        verdicts[snapshot.name] = {"label": data.get("label"), "passed": data.get("passed")}
    return verdicts
