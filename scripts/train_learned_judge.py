"""Rebuild the heuristic judge's learned second opinion (`judges/learned_model.tsv`).

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

    lines = [
        "# pytest-overrefusal: the heuristic judge's learned second opinion (judges/learned.py)",
        f"# multinomial logistic regression, C={C}, features in at least {MIN_ROWS} of {len(rows)} rows,"
        f" weights rounded to {DECIMALS} decimals; rebuild with scripts/train_learned_judge.py",
        "labels\t" + "\t".join(learned.LABELS),
        *(f"trained-on\t{name}\t{sha256(CALIBRATION / name)}" for name in TRAINING_FILES),
        "bias\t" + "\t".join(f"{fit.intercept_[k]:.4f}" for k in order),
    ]
    kept = 0
    for column, name in enumerate(vectors.get_feature_names_out()):
        weights = [round(float(fit.coef_[k][column]), DECIMALS) for k in order]
        if any(weights):
            lines.append(name + "\t" + "\t".join(f"{w:g}" for w in weights))
            kept += 1
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {kept} features from {len(rows)} rows ({', '.join(TRAINING_FILES)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
