"""The key figures measured against the figure truths of tests/data/figures/ (read by hand).

    python -m tests.figure_truths [NAME …] [--rows]

prints, per report, how it was read (through the importer's structure, or from the truth's lines
where the importer does not give its targets paragraph and a review part before it) and: the
stated targets with a number, those found with their values (indicator, value or range, unit,
qualifier), the rows of the page, those true (a stated target, numeric or not), garbage rows (an
"indicator" holding a value or a list), the results the report states, those found, and wrong
results (a value other than the report's, or one the report does not state). ``--rows`` lists
every row and every miss.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.ingest import import_report
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.figures.match import KeyFigure, KeyFigures, key_figures

ROOT = Path(__file__).resolve().parent.parent
TRUTHS = ROOT / "tests" / "data" / "figures"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
IMPORTER, LINES = "importer", "truth lines"


def normal(text: str) -> str:
    """Text compared as a reader compares it: without white space, full and half width alike."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def truth_files() -> tuple[Path, ...]:
    return tuple(sorted(TRUTHS.glob("*.yaml")) + sorted(TRUTHS.glob("corpus2/*.yaml")))


@cache
def load_truth(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def source_lines(truth: dict[str, Any]) -> list[str]:
    text = (SHARED_REPORTS / truth["source"]).read_text(encoding="utf-8")
    if "\\r\\n" in text and text.count("\n") < 3:  # line breaks stored as the characters \r\n
        text = text.replace("\\r\\n", "\n")
    return text.replace("\r", "").split("\n")


def _from_lines(truth: dict[str, Any]) -> Report:
    """The report as the truth's lines give it: its review, then the targets paragraph."""
    lines = source_lines(truth)
    first, last = truth["review"]
    review = tuple(Paragraph(f"line-{n}", lines[n - 1].strip()) for n in range(first, last + 1)
                   if lines[n - 1].strip())
    n = truth["targets_line"]
    targets = Paragraph(f"line-{n}", lines[n - 1].strip(), kind="targets")
    return Report("政府工作报告", "", truth["year"], (),
                  (Part("review", "一", "", review, (), (), kind="review"),
                   Part("plan", "二", "", (targets,), (), (), kind="plan")), (),
                  Provenance(Source("", "", "", ""), 0, (), (), (), ()))


def _gives_structure(report: Report, truth: dict[str, Any]) -> bool:
    """Whether the import found the truth's targets paragraph, with a review part before it."""
    start = normal(source_lines(truth)[truth["targets_line"] - 1])[:12]
    for index, part in enumerate(report.parts):
        if any(p.kind == "targets" and normal(p.source_text).startswith(start) for p in part.paragraphs()):
            return any(earlier.kind == "review" for earlier in report.parts[:index])
    return False


@cache
def read_report(path: Path) -> tuple[Report, str]:
    """The report through the importer where it gives the structure, else from the truth's lines."""
    truth = load_truth(path)
    source = SHARED_REPORTS / truth["source"]
    try:
        report = import_report(source.read_bytes(), str(source), (), strict=False, words=load_genre().words)
    except SiteError:
        return _from_lines(truth), LINES
    if _gives_structure(report, truth):
        return report, IMPORTER
    return _from_lines(truth), LINES


# --- measuring ------------------------------------------------------------------------------------

_FALLS = ("下降", "减少", "降低", "微降", "回落", "下滑")


def _falls(verb: str) -> bool:
    return any(word in verb for word in _FALLS) and not verb.endswith(("到", "至"))


def _qualifier(figure: Any) -> str:
    return normal(getattr(figure, "hedge", "") + figure.qualifier)


@dataclass
class Score:
    name: str
    mode: str
    targets: int = 0  # stated targets with a number
    found: int = 0  # … found with their values
    measures: int = 0  # … and the measure the truth gives
    rows: int = 0
    true_rows: int = 0
    garbage: int = 0
    stated: int = 0  # results the report states
    results: int = 0  # … found
    wrong: int = 0
    notes: list[str] = field(default_factory=list)


# An "indicator" that holds a clause or a figure: a separator, a percentage, or a verb and a number;
# or that opens as a clause does, on a conjunction or an adverb (但仍难以): no noun phrase.
_GARBAGE = re.compile(r"[，；,;：]|\d(?:[.．]\d+)?\s*[%％]|(?:增长|下降|降低|达到|控制在|完成|实现)\s*\d"
                      r"|^(?:但|仍|也|却|而|都|又|还要|还有|并且|虽然)")


def _matches(figure: KeyFigure, target: dict[str, Any]) -> bool:
    names = {normal(target["indicator"]), *(normal(name) for name in target.get("also") or ())}
    t = figure.target
    return (normal(figure.indicator) in names and t.number is not None
            and abs(t.number - float(target["value"])) < 1e-9
            and (t.upper or None) == (float(target["upper"]) if "upper" in target else None)
            and normal(t.unit) == normal(str(target["unit"])))


def _signed(figure: KeyFigure) -> float:
    result = figure.result
    assert result is not None
    number = 0.0 if result.number is None else result.number
    return -number if _falls(result.verb) != _falls(figure.target.verb) else number


def _result(score: Score, figure: KeyFigure, target: dict[str, Any]) -> None:
    stated, result = target.get("result"), figure.result
    if stated:
        score.stated += 1
    if result is None:
        if stated:
            score.notes.append(f"  result missed: {target['indicator']} {stated['value']} "
                               f"({stated['quote']})")
        return
    if stated and abs(_signed(figure) - float(stated["value"])) < 1e-9 \
            and normal(result.unit) == normal(str(stated["unit"])):
        score.results += 1
        return
    score.wrong += 1
    said = f"{stated['value']}" if stated else "none"
    score.notes.append(f"  WRONG result: {target['indicator']} {result.verb}{result.value}{result.unit} "
                       f"({result.quote}); the report states {said}")


def _qualitative(figure: KeyFigure, truth: dict[str, Any]) -> bool:
    quote = normal(figure.target.quote)
    return figure.target.number is None and any(
        quote in normal(text) or normal(text) in quote for text in truth.get("qualitative") or ())


def measure(name: str, truth: dict[str, Any], figures: KeyFigures, mode: str) -> Score:
    score = Score(name, mode)
    targets = list(truth.get("targets") or ())
    score.targets = len(targets)
    left = list(range(len(targets)))
    for figure in figures.figures:
        score.rows += 1
        index = next((i for i in left if _matches(figure, targets[i])), None)
        if index is None:
            if _qualitative(figure, truth):
                score.true_rows += 1
                continue
            if _GARBAGE.search(figure.indicator):
                score.garbage += 1
            score.notes.append(f"  row not a target: {figure.indicator} {figure.target.verb}"
                               f"{figure.target.value}{figure.target.unit}{figure.target.qualifier} "
                               f"({figure.target.quote})")
            if figure.result is not None:
                score.wrong += 1
                score.notes.append(f"  WRONG result on a row that is no target: {figure.result.quote}")
            continue
        left.remove(index)
        target = targets[index]
        score.true_rows += 1
        if _qualifier(figure.target) == normal(target.get("qualifier") or ""):
            score.found += 1
            score.measures += figure.target.measure == target["measure"]
        else:
            score.notes.append(f"  qualifier: {target['text']}: {_qualifier(figure.target)!r}")
        _result(score, figure, target)
    for i in left:
        target = targets[i]
        score.notes.append(f"  target missed: {target['text']} ({target['indicator']})")
        if target.get("result"):
            score.stated += 1
            score.notes.append(f"  result missed: {target['indicator']} {target['result']['value']}")
    return score


def score_of(path: Path) -> Score:
    report, mode = read_report(path)
    return measure(path.stem, load_truth(path), key_figures(report, load_genre().figures), mode)


COUNTS = ("targets", "found", "measures", "rows", "true_rows", "garbage", "stated", "results", "wrong")


def totals(scores: list[Score]) -> Score:
    total = Score("all", "")
    for score in scores:
        for name in COUNTS:
            setattr(total, name, getattr(total, name) + getattr(score, name))
    return total


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def table(scores: list[Score], rows: bool = False) -> str:
    head = (f"{'report':38} {'read from':11} {'targets':>7} {'found':>5} {'measure':>7} {'rows':>4} "
            f"{'true':>4} {'garbage':>7} {'stated':>6} {'results':>7} {'wrong':>5}")
    lines = [head]
    for s in scores:
        lines.append(f"{s.name:38} {s.mode:11} {s.targets:7} {s.found:5} {s.measures:7} {s.rows:4} "
                     f"{s.true_rows:4} {s.garbage:7} {s.stated:6} {s.results:7} {s.wrong:5}")
        if rows:
            lines.extend(s.notes)
    total = totals(scores)
    lines.append(f"{'all (' + str(len(scores)) + ' reports)':50} {total.targets:7} {total.found:5} "
                 f"{total.measures:7} {total.rows:4} {total.true_rows:4} {total.garbage:7} {total.stated:6} "
                 f"{total.results:7} {total.wrong:5}")
    lines.append(f"targets found {_percent(total.found, total.targets)}, rows true "
                 f"{_percent(total.true_rows, total.rows)}, garbage rows {total.garbage}, results found "
                 f"{_percent(total.results, total.stated)}, wrong results {total.wrong}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")]
    paths = [p for p in truth_files() if not names or p.stem in names]
    print(table([score_of(path) for path in paths], rows="--rows" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
