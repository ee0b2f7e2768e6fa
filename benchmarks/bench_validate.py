"""Benchmark: `notices validate` on synthetic regions of growing size.

    python benchmarks/bench_validate.py [--sizes 1000,2500,5000,10000]

Prints wall time, peak memory and time per notice, to show the cost is linear.
Target (issue 2): 10,000 notices in under 5 s and under 1 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate

NOTICES = Path(sys.executable).parent / "notices"


def measure(content: Path) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one `notices validate` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run([str(NOTICES), "validate", "--content", str(content),
                             "--now", "2026-11-23T12:00+05:00"],
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"validate failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--organizations", type=int, default=40)
    args = parser.parse_args()
    print("| notices | files | seconds | peak MB | µs per notice |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            content = Path(folder) / "content"
            generate(content, args.organizations, size, seed=1)
            files = sum(1 for _ in content.rglob("*.md"))
            seconds, peak = measure(content)
            print(f"| {size} | {files} | {seconds:.2f} | {peak:.0f} | "
                  f"{seconds / size * 1e6:.0f} |", flush=True)


if __name__ == "__main__":
    main()
