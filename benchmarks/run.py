"""Run every benchmark in turn and print their tables.

    python benchmarks/run.py [--quick]

`--quick` runs smaller sizes (a smoke run, not the figures in RESULTS.md).
The figures committed in benchmarks/RESULTS.md come from the full runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

FULL = [
    ["bench_validate.py"],
    ["bench_feeds.py"],
    ["bench_site.py"],
    ["bench_images.py", "--count", "500"],
    ["bench_cards.py", "--results", str(HERE / "RESULTS-cards.md")],
]
QUICK = [
    ["bench_validate.py", "--sizes", "500,1000"],
    ["bench_feeds.py", "--sizes", "500,1000"],
    ["bench_site.py", "--notices", "1000"],
    ["bench_images.py", "--count", "10"],
    ["bench_cards.py", "--notices", "50"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    args = parser.parse_args()
    failed = 0
    for script, *rest in QUICK if args.quick else FULL:
        print(f"\n## {script} {' '.join(rest)}\n", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *rest],
                                 check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
