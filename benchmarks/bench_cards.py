"""Benchmark: preview cards, the previous encoder against the current one.

    python benchmarks/bench_cards.py [--notices 300] [--results FILE]

Cards of the first ``--notices`` notices of the synthetic region (benchmarks/synthetic.py,
40 organizations, seed 1), one process:

* previous: full-colour drawing (``cards.draw_card``), quantized to 256 colours
  (``MAXCOVERAGE``), PNG at compression level 6 — what the image stage did before;
* current: ``cards.encode_card`` — drawn straight into palette indexes, PNG level 3.

Prints milliseconds per card and bytes per card, and how far the current card's
colours are from the full-colour drawing (largest difference of a channel, 0–255).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from synthetic import REFERENCE_NOW, generate  # noqa: E402

from generator.build import load_site_config  # noqa: E402
from generator.images.cards import CardSpec, card_spec, draw_card, encode_card  # noqa: E402
from generator.validate import validate  # noqa: E402


def previous(spec: CardSpec) -> bytes:
    palette = draw_card(spec).quantize(256, Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def timed(encode: object, specs: list[CardSpec]) -> tuple[float, float]:
    assert callable(encode)
    started = time.perf_counter()
    sizes = [len(encode(spec)) for spec in specs]
    return (time.perf_counter() - started) / len(specs) * 1000, sum(sizes) / len(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=300)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as scratch:
        content = Path(scratch) / "content"
        generate(content, 40, args.notices, seed=1)
        checked = validate(content, REFERENCE_NOW, load_site_config(None, None))
        assert checked.model is not None
        specs = [card_spec(n, REFERENCE_NOW, "Отключения ЖКУ") for n in checked.model.published]
    old_ms, old_bytes = timed(previous, specs)
    new_ms, new_bytes = timed(lambda s: encode_card(s).data, specs)
    worst = 0
    for spec in specs[:50]:
        with Image.open(io.BytesIO(encode_card(spec).data)) as card:
            difference = ImageChops.difference(draw_card(spec), card.convert("RGB"))
        worst = max(worst, max(difference.tobytes()))
    load = os.getloadavg()
    lines = [
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Python {platform.python_version()}, "
        f"nproc {os.cpu_count()}, load average {load[0]:.2f}.",
        f"Command: `python benchmarks/bench_cards.py {' '.join(sys.argv[1:])}`; "
        f"{len(specs)} cards of the synthetic region, one process.",
        "",
        "| encoder | ms per card | bytes per card |",
        "|---|---:|---:|",
        f"| previous: full colour, quantized, PNG level 6 | {old_ms:.1f} | {old_bytes:.0f} |",
        f"| current: palette indexes, PNG level 3 | {new_ms:.1f} | {new_bytes:.0f} |",
        "",
        f"Largest channel difference from the full-colour drawing (50 cards): {worst} of 255.",
    ]
    print("\n".join(lines))
    if args.results:
        args.results.write_text("# Preview cards benchmark\n\n" + "\n".join(lines) + "\n",
                                encoding="utf-8")


if __name__ == "__main__":
    main()
