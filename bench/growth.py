"""Does each stage grow linearly with its input? In one process, each stage on an input and on
the same input made four times as long; prints the seconds of both and their ratio (linear work
is about 4x, quadratic 16x). Not a test: timings belong here, the tests assert what the stages do
with such inputs.

    python bench/growth.py                    # every shape, 3 runs of n and 4n, interleaved
    python bench/growth.py --only pins --runs 5   # the shapes whose name holds "pins"
    python bench/growth.py --check            # exit 1 if a ratio is over 8x (twice linear)

The runs of n and of 4n alternate (n, 4n, n, 4n, …), so that a slower moment of a shared machine
falls on both; each is given as the median with its spread (the slowest run over the fastest,
less one), and the ratio is of the medians.

The shapes are the hostile ones that were once quadratic (a footer of short lines, lines without
a full stop, fragments, a long report), an annex table of many rows flattened one cell per line,
an old report's many parts read by their voice without a targets phrase, and the detectors that
read a whole report (the industry system, the numbered formulas, the key figures, targets against
a later report's results, what is new in the wording, the words used most), each on the bundled
report's paragraphs repeated; and a targets list, a clause of values, as long as can be.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_src.content.report import load_report  # noqa: E402
from site_src.content.site import load_site  # noqa: E402
from site_src.errors import SiteError  # noqa: E402
from site_src.genre import load_genre  # noqa: E402
from site_src.ingest import import_report  # noqa: E402
from site_src.ingest.errata import load_errata  # noqa: E402
from site_src.model import Paragraph  # noqa: E402
from site_src.summaries.figures.match import key_figures  # noqa: E402
from site_src.summaries.figures.outcomes import follow_up  # noqa: E402
from site_src.summaries.figures.parse import parse_targets, results  # noqa: E402
from site_src.summaries.frequency import content_words, words_of  # noqa: E402
from site_src.summaries.industry_draft import detect_industries  # noqa: E402
from site_src.summaries.slogan_detect import NO_LIST, by_paragraph, detect_slogans  # noqa: E402
from site_src.summaries.wording import wording_changes  # noqa: E402
from site_src.variants.audit import load_dictionaries  # noqa: E402
from site_src.variants.prepare import audit_report, proofs_report  # noqa: E402

BUNDLED = ROOT / "content" / "reports" / "2024-rongchang"
HEAD = ["各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。"]
BODY = ["一、2024年工作回顾", "过去一年，我们做了很多工作。", "（一）经济稳步增长。全年增长6%。",
        "二、2025年工作安排", "今年经济社会发展主要预期目标是：增长6%左右。", "（一）抓项目。坚持项目为王。"]
LIMIT = 8.0  # four times the input in more than twice four times the time: not linear


def _outline(n: int) -> list[str]:
    """n areas of the plan, each with two subareas (一是…) and a paragraph."""
    return [line for k in range(n)
            for line in (f"（{_numeral(k + 1)}）第{k}项任务", f"一是推进第{k}项工作。正文。",
                         f"二是落实第{k}项工作。正文。", "继续努力做好各项工作。")]


def _numeral(value: int) -> str:
    """1 -> 一 … the Chinese numerals up to 99 (an area numbered past 99 starts again)."""
    digits = "一二三四五六七八九"
    value = (value - 1) % 99 + 1
    tens, units = divmod(value, 10)
    return ((digits[tens - 1] if tens > 1 else "") + ("十" if tens else "")
            + (digits[units - 1] if units else ""))


def _pdf(n: int) -> bytes:
    """A report's PDF text run into one line: printed lines of 26 characters, a page number
    every 20 lines, n paragraphs of five lines."""
    paragraph = ("过去一年，我们坚持稳中求进工作总基调，经济运行回升向好，"
                 "全年地区生产总值增长6%，民生持续改善。") * 3
    printed = [paragraph[i:i + 26] for i in range(0, len(paragraph), 26)]
    lines = [*HEAD, BODY[0]]
    for k in range(n):
        lines += printed
        if k % 4 == 3:
            lines.append(f"— {k // 4 + 1} —")
    return " ".join([*lines, *BODY[3:], "各位代表！让我们团结奋斗！"]).encode("utf-8")


def _lost(n: int) -> bytes:
    """n lines, each with a lost character (??)."""
    return "\n".join([*HEAD, *BODY, *(f"第{k}项??工程完成。" for k in range(n)), "完毕。"]).encode("utf-8")


def _table(n: int) -> list[str]:
    """An annex table of n rows flattened one cell per line, after the closing words."""
    return ["各位代表！让我们团结奋斗！", "附件1", "重点项目", "序", "号", "项目名称", "项目投资",
            *(cell for k in range(1, n + 1) for cell in (str(k), f"第{k}号工程", "总投资", f"{k}亿元"))]


def _old(n: int) -> list[str]:
    """An old national report's parts without a targets phrase: n parts (up to 99: 一、…九十九、)
    whose headings say nothing of time, each a paragraph in the voice of tasks and one naming this
    year's plan without its figures (so every paragraph is read for the older wording)."""
    return [line for k in range(n) for line in (f"{_numeral(k + 1)}、关于第{k}项建设", "我们要继续努力。",
                                                   "今年的国民经济计划草案已经印发各位代表。")]


def importing(tail: Callable[[int], list[str]]) -> Callable[[int], object]:
    def run(n: int) -> object:
        text = "\n".join([*HEAD, *BODY, *tail(n)])
        return import_report(text.encode("utf-8"), "report.txt", ())
    return run


def refused(line: Callable[[int], str]) -> Callable[[int], object]:
    """An import of one hostile line, which ends in an error (how many lines it says is counted)."""
    def run(n: int) -> object:
        try:
            return importing(lambda n: [line(n), "完毕。"])(n)
        except SiteError as error:
            return len(error.problems)
    return run


def pinned() -> Callable[[int], object]:
    """The audit and the proofreading queue of the bundled report with a paragraph of n pins."""
    content = load_site(ROOT / "content", load_genre(ROOT / "content"))
    entry, dictionaries = content.reports[0], load_dictionaries()

    def run(n: int) -> object:
        first = entry.report.parts[0]
        pins = Paragraph("pins", "[[干|乾]]部发展规划" * n)
        report = replace(entry.report, parts=(replace(first, opening=(pins, *first.opening)),
                                              *entry.report.parts[1:]))
        with_pins = replace(entry, report=report)
        return audit_report(content, with_pins, dictionaries), proofs_report(content, with_pins, dictionaries)
    return run


def shapes() -> dict[str, tuple[int, Callable[[int], object]]]:
    """name: (the smaller size, the stage on an input of that size)."""
    genre = load_genre()
    report = load_report(BUNDLED)
    paragraphs = tuple(report.quotable())
    seed = (BUNDLED / "source.txt").read_bytes().rstrip(b"\n") + b"\n"
    errata = load_errata(BUNDLED / "errata.yaml")

    def copies(n: int) -> list[tuple[str, str]]:
        return [(f"{pid}-{copy}", text) for copy in range(n) for pid, text in paragraphs]

    def slogans(n: int) -> object:
        texts = copies(n)
        return by_paragraph(detect_slogans(texts, genre.slogans, NO_LIST), [pid for pid, _ in texts])

    targets = tuple(figure.target for figure in key_figures(report, genre.figures).figures)

    def followed(n: int) -> object:
        """n times the targets against a review of n times the report's paragraphs."""
        plan = next(part for part in report.parts if any(p.kind == "targets" for p in part.paragraphs()))
        reviewed = tuple(p for part in report.parts if part is not plan for p in part.paragraphs())
        review = replace(plan, id="review", kind="review", opening=reviewed * n, sections=(), closing=(),
                         blocks=())
        later = replace(report, parts=(review, plan))
        return follow_up(targets * n, report.year, later, targets, genre.figures, genre.indicators)

    segment = words_of

    def repeated(n: int) -> object:
        return replace(report, parts=report.parts * n)

    return {
        "import: a footer of short lines": (5_000, importing(lambda n: [f"链接{k}" for k in range(n)])),
        "import: lines without a full stop": (
            7_500, importing(lambda n: [f"这是第{k}行没有句号" for k in range(n)] + ["完毕。"])),
        "import: fragments without a full stop": (7_500, importing(lambda n: ["某某"] * n + ["完毕。"])),
        "import: the bundled report repeated": (
            2, lambda n: import_report(seed * n, "report.txt", errata, words=genre.words)),
        "import: numbered headings (parts, areas, subareas)": (200, importing(_outline)),
        "import: a PDF run into one line (spaces, page numbers)": (
            300, lambda n: import_report(_pdf(n), "report.txt", ())),
        "import: hard PDF line breaks with page footers": (
            300, lambda n: import_report(_pdf(n).replace(b" ", b"\n"), "report.txt", ())),
        "import: a page-join mark under every line": (
            2_000, importing(lambda n: [line for k in range(n) for line in (f"第{k}项工作，", "\u200b")]
                             + ["完毕。"])),
        "import: an annex table flattened one cell per line": (2_000, importing(_table)),
        "import: parts read by their voice, no targets phrase": (
            24, lambda n: import_report("\n".join([*HEAD, *_old(n), "各位代表！让我们团结奋斗！"]).encode(),
                                         "report.txt", ())),
        "import: lost characters marked (?? in every line)": (
            2_000, lambda n: import_report(_lost(n), "report.txt", (), keep_losses=True)),
        "industry draft: the bundled paragraphs repeated": (
            4, lambda n: detect_industries(copies(n), genre.industries)),
        "slogans: the bundled paragraphs repeated": (4, slogans),
        "figures: a targets list of n items": (1_000, lambda n: parse_targets(Paragraph(
            "t", "主要预期目标是：" + "、".join(f"指标{k}增长{k % 9}%、力争{k % 9 + 1}%" for k in range(n)),
            kind="targets"), genre.figures)),
        "figures: one clause of n values": (1_000, lambda n: results(
            [Paragraph("r", "地区生产总值增长" + "、".join(f"{k % 9}%" for k in range(n)))], genre.figures)),
        "figures: the bundled paragraphs repeated": (4, lambda n: results(
            [Paragraph(pid, text) for pid, text in copies(n)], genre.figures)),
        "targets found: the bundled review repeated": (4, followed),
        "wording: the bundled report repeated": (
            4, lambda n: wording_changes(repeated(n), report, genre.wording, genre.slogans)),
        "words used most: the bundled report repeated": (
            4, lambda n: content_words(repeated(n), genre.frequency, segment)),
        "import: [[ repeated on one line (refused)": (50_000, refused(lambda n: "工作" + "[[" * n + "。")),
        "import: ]] repeated on one line (refused)": (50_000, refused(lambda n: "工作" + "]]" * n + "。")),
        "import: one ( and many ) on one line": (
            50_000, importing(lambda n: ["工作(" + ")" * n + "。", "完毕。"])),
        "audit and proofs: n pins in one paragraph": (10_000, pinned()),
    }


def timed(function: Callable[[int], object], n: int) -> float:
    started = time.perf_counter()
    function(n)
    return time.perf_counter() - started


def measure(function: Callable[[int], object], n: int, runs: int) -> tuple[list[float], list[float]]:
    """Seconds of each run on n and on 4n, the two sizes taking turns."""
    small, large = [], []
    for _ in range(runs):
        small.append(timed(function, n))
        large.append(timed(function, 4 * n))
    return small, large


def said(times: list[float]) -> str:
    """The median, and the spread: the slowest run over the fastest, less one (+12% …)."""
    spread = max(times) / max(min(times), 1e-9) - 1
    return f"{statistics.median(times):8.3f} ±{spread * 100:3.0f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="only the shapes whose name holds this text")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if a ratio is over {LIMIT:g}x")
    args = parser.parse_args()
    worst = 0.0
    column = "s (median, spread)"
    print(f"{'stage':56} {'n':>7} {column:>18} {'4n':>7} {column:>18} {'ratio':>7}")
    for name, (n, function) in shapes().items():
        if args.only not in name:
            continue
        function(n)  # warm: compiled patterns, loaded dictionaries
        small, large = measure(function, n, args.runs)
        ratio = statistics.median(large) / max(statistics.median(small), 1e-9)
        worst = max(worst, ratio)
        print(f"{name:56} {n:>7} {said(small)} {4 * n:>7} {said(large)} {ratio:6.1f}x", flush=True)
    print(f"worst ratio {worst:.1f}x (linear 4x, quadratic 16x; --check fails above {LIMIT:g}x)")
    return 1 if args.check and worst > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
