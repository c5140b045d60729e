"""The word segmenter's cost against another revision of the program: each case in a fresh process
of this tree and of REV's (git archive), interleaved; prints the median CPU seconds (user + system,
steadier than wall time on a shared machine) of the whole process and of the measured work alone,
with spreads. Figures only, asserts nothing. A revision before the one segmenter (site_src/segment.py)
needs jieba installed.

    python bench/segmenter.py REV [--runs 7]

The cases: importing the pipeline; the words the bundled report uses most (its every text
segmented, the segmenter started); the importer's place names on its text (segmented with
guesses, tagged, counted); the conversion's words of its every text (the genre's and the site's
glossary phrases added).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import extracted

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path("content") / "reports" / "2024-rongchang"

# Each case prints the CPU seconds of its measured work (after the imports it needs).
_LOAD = f"""
import time
from pathlib import Path
from site_src.content.report import load_report
report = load_report(Path({str(REPORT)!r}))
texts = [text for _, text in report.texts()]
"""
CASES = {
    "import the pipeline": """
import time
t = time.process_time()
import site_src.pipeline
print(time.process_time() - t)
""",
    "words used most": _LOAD + """
from site_src.genre import load_genre
from site_src.summaries import frequency
vocabulary = load_genre().frequency
t = time.process_time()
segment = getattr(frequency, "words_of", None) or frequency.Segmenter()  # after / before
frequency.content_words(report, vocabulary, segment)
print(time.process_time() - t)
""",
    "place names": _LOAD + """
from site_src.ingest.who import _place_named_most
from site_src.ingest.words import shipped_words
words = shipped_words()
t = time.process_time()
_place_named_most("".join(texts), words)
print(time.process_time() - t)
""",
    "conversion's words": _LOAD + """
from site_src.content.glossary import load_glossary
from site_src.genre import load_genre
try:
    from site_src.segment import segmenter
except ImportError:  # before the one segmenter
    from site_src.variants.segment import segmenter
glossary = (*load_genre().glossary, *load_glossary(Path("content/glossary.yaml")))  # the genre's, the site's
phrases = tuple(sorted({entry.phrase for entry in glossary}))
t = time.process_time()
found = segmenter(phrases)
for text in texts:
    found.words(text)
print(time.process_time() - t)
""",
}


def run(tree: Path, code: str) -> tuple[float, float]:
    """(CPU seconds of the whole process, CPU seconds of the measured work) of one case in tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-c", code], cwd=tree,
                            env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True,
                            check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"the case failed in {tree}:\n{result.stderr}")
    process = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return process, float(result.stdout.split()[-1])


def _spread(figures: list[float]) -> str:
    return f"{statistics.median(figures):.3f} ({min(figures):.2f}-{max(figures):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the revision to compare with (a commit, a branch)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-site-segmenter-") as folder:
        other, this = extracted(args.rev, Path(folder) / "rev"), Path(folder) / "this"
        # This tree copied beside it (its files as they are, committed or not): a tree's place on
        # disk alone changes the time its imports take.
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            if (ROOT / name).is_file():
                (this / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, this / name)
        trees = {args.rev: other, "this tree": this}
        print(f"median of {args.runs} runs, interleaved; CPU seconds of the process / of the work (spread)\n")
        for case, code in CASES.items():
            figures: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    figures[name].append(run(tree, code))
            line = [f"{case:20}"]
            for name, runs in figures.items():
                process, work = [r[0] for r in runs], [r[1] for r in runs]
                line.append(f"{name}: {_spread(process)} / {_spread(work)}")
            print("  ".join(line))


if __name__ == "__main__":
    main()
