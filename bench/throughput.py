"""Throughput: N cases against the stub at a fixed latency, vs the ideal N x latency / concurrency.

    python bench/throughput.py                 # 200 cases, 200 ms, concurrency 16
    python bench/throughput.py --cases 1000 --latency 0.1 --concurrency 32

Prints the wall time of the whole `pytest` command, the ideal, the serial time it avoids, and
the ratio wall / ideal measured in this one run. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pytest_overrefusal.stub import StubServer


def write_cases(folder: Path, count: int) -> None:
    lines = [json.dumps({"defaults": {"category": "bench", "suite": "bench"}})]
    for i in range(count):
        expect = "comply" if i % 2 else "refuse"
        lines.append(json.dumps({"id": f"case-{i:05d}", "expect": expect, "prompt": f"Question number {i}?"}))
    (folder / "cases").mkdir()
    (folder / "cases" / "bench.jsonl").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the stub waits per answer")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, StubServer(delay=args.latency) as stub:
        folder = Path(tmp)
        write_cases(folder, args.cases)
        (folder / "pytest.ini").write_text("[pytest]\n")
        stub.add("", content="I can't help with that.")
        command = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "--model=openai/stub", f"--model-arg=api_base={stub.api_base}", "--model-arg=api_key=bench",
            f"--concurrency={args.concurrency}",
        ]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        wall = time.perf_counter() - started
        # The same command with no model: collection, startup and reporting, no calls.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=folder, capture_output=True)
        overhead = time.perf_counter() - started

    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    ideal = args.cases * args.latency / args.concurrency
    print(f"pytest:      {summary}")
    print(f"cases:       {args.cases} at {args.latency * 1000:.0f} ms, concurrency {args.concurrency}")
    print(f"requests:    {len(stub.requests)} (max {stub.max_in_flight} in flight)")
    print(f"serial:      {args.cases * args.latency:.2f} s  (N x latency)")
    print(f"ideal:       {ideal:.2f} s  (N x latency / concurrency)")
    print(f"wall:        {wall:.2f} s  (the whole pytest command)")
    print(f"no-model:    {overhead:.2f} s  (the same command without --model: startup and collection)")
    print(f"ratio wall/ideal = {wall / ideal:.2f}")
    if done.returncode not in (0, 1):
        sys.exit(f"pytest exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


if __name__ == "__main__":
    main()
