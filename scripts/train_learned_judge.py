"""Rebuild the heuristic judge's learned second opinion (`judges/learned_model.json`).

    pip install -e '.[train]'            # scikit-learn, for training only
    python scripts/train_learned_judge.py

Trains a multinomial logistic regression (L2, C=1, lbfgs: deterministic) on the features of
`judges/learned.py` over `calibration/dev.csv` and `calibration/extra.csv`, never `heldout.csv`,
and writes the weight table the judge reads. Features seen in fewer than MIN_ROWS rows are left
out, and weights are rounded to two decimals: cross-validation showed no loss from either, and
the table stays small. Run it after adding calibration rows; the table records the files' SHA-256,
and `tests/test_judge_learned.py` fails until it is rebuilt.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_overrefusal.judges import learned  # noqa: E402
from pytest_overrefusal.judges.text import split_thinking  # noqa: E402

CALIBRATION = ROOT / "pytest_overrefusal" / "judges" / "calibration"
TRAINING_FILES = ("dev.csv", "extra.csv")
MIN_ROWS = 3
DECIMALS = 2
C = 1.0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH)
    args = parser.parse_args()
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("scikit-learn is needed for training: pip install -e '.[train]'", file=sys.stderr)
        return 2

    rows = []
    for name in TRAINING_FILES:
        with open(CALIBRATION / name, encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    found = [learned.features(split_thinking(row["answer"])[1].strip(), row["prompt"]) for row in rows]
    seen_in = Counter(name for row in found for name in row)
    found = [{name: value for name, value in row.items() if seen_in[name] >= MIN_ROWS} for row in found]
    vectors = DictVectorizer()
    matrix = vectors.fit_transform(found)
    fit = LogisticRegression(C=C, max_iter=5000).fit(matrix, [row["label"] for row in rows])
    order = [list(fit.classes_).index(label) for label in learned.LABELS]

    sections: dict[str, dict[str, list[float]]] = {"shape": {}, "words": {}, "pairs": {}}
    for column, name in enumerate(vectors.get_feature_names_out()):
        weights = [round(float(fit.coef_[k][column]), DECIMALS) for k in order]
        if not any(weights):
            continue
        if name.startswith("w="):
            sections["words"][name[2:]] = weights
        elif name.startswith("b="):
            sections["pairs"][name[2:].replace("_", " ", 1)] = weights  # words hold no "_" or " "
        else:
            sections["shape"][name] = weights
    head = {
        "about": "pytest-overrefusal: the heuristic judge's learned second opinion (judges/learned.py): "
        f"multinomial logistic regression, C={C}, features in at least {MIN_ROWS} of {len(rows)} rows, "
        f"weights rounded to {DECIMALS} decimals; rebuild with scripts/train_learned_judge.py",
        "labels": list(learned.LABELS),
        "trained_on": {name: sha256(CALIBRATION / name) for name in TRAINING_FILES},
        "bias": [round(float(fit.intercept_[k]), 4) for k in order],
    }
    # One entry per line, so that a retrained table diffs line by line.
    parts = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in head.items()]
    for section, weights in sections.items():
        entries = ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in weights.items())
        parts.append(f"{json.dumps(section)}: {{\n{entries}\n}}")
    args.out.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")
    kept = sum(len(weights) for weights in sections.values())
    print(f"{args.out}: {kept} features from {len(rows)} rows ({', '.join(TRAINING_FILES)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
