"""Does a report cut short ever import as whole? Each report cut at the test's 12 places (or
--places N spread through it and N through its last third), each cut imported; prints what each
import did, and the totals; asserts nothing (tests/test_ingest.py's sweep is the test).

    python bench/cuts.py                       # the test's reports and the bundled one, 12 cuts each
    python bench/cuts.py --all --places 40     # every shared report (corpus2/ too), 80 cuts each

refused: the import stopped with located errors; said: it imported, and its screen says the file
may be cut short; whole: only the page around the report was cut (nothing of the report lost);
IMPORTED AS WHOLE: text was lost and nothing said so.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_src.ingest.errata import load_errata
from tests.conftest import REPORT, SEED, SHARED_REPORTS
from tests.test_ingest import SWEPT, cut_outcomes


def spread(n: int) -> Callable[[int], list[int]]:
    """N places spread through a text and N through its last third."""
    def places(length: int) -> list[int]:
        return sorted({length * (2 * k + 1) // (2 * n) for k in range(n)}
                      | {length * 2 // 3 + length * (2 * k + 1) // (6 * n) for k in range(n)})
    return places


def said(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="every shared report, corpus2/ too")
    parser.add_argument("--places", type=int, default=0, help="cut at 2N places (default: the test's 12)")
    args = parser.parse_args()
    found = [*SHARED_REPORTS.glob("*.txt"), *SHARED_REPORTS.glob("corpus2/*.txt")]
    names = sorted(str(path.relative_to(SHARED_REPORTS).with_suffix("")) for path in found) if args.all \
        else SWEPT
    places = spread(args.places) if args.places else None
    started, totals = time.perf_counter(), Counter[str]()
    reports = [("bundled", SEED.read_bytes(), load_errata(REPORT / "errata.yaml"))]
    reports += [(name, (SHARED_REPORTS / f"{name}.txt").read_bytes(), ()) for name in names
                if (SHARED_REPORTS / f"{name}.txt").is_file()]
    for name, raw, errata in reports:
        outcomes = cut_outcomes(raw, name, errata, places)
        counts = Counter(outcome.split(",")[0] for _, outcome in outcomes)
        totals.update(counts)
        print(f"{name}: {len(outcomes)} cuts, {said(counts)}")
        for at, outcome in outcomes:
            if outcome.startswith("IMPORTED"):
                print(f"  at {at}: {outcome}")
    print(f"{len(reports)} reports, {totals.total()} cuts: {said(totals)} "
          f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
