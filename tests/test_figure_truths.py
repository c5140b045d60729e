"""Key figures against the figure truths of 36 shared reports, read by hand (tests/data/figures/):
the stated targets found with their values, no garbage row, the stated results found, none wrong.
``python -m tests.figure_truths --rows`` shows every row and every miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SLOW
from tests.figure_truths import (
    IMPORTER,
    LINES,
    SHARED_REPORTS,
    load_truth,
    normal,
    read_report,
    score_of,
    source_lines,
    totals,
    truth_files,
)

pytestmark = [SLOW, pytest.mark.skipif(
    not SHARED_REPORTS.is_dir(),
    reason=f"the shared reports are not in {SHARED_REPORTS} (they are read from there, never copied)")]

TRUTHS = truth_files()
# Reports the importer does not yet give a targets paragraph after a review part (no part headings,
# unnumbered headings, a targets sentence without 预期): read from the truth's lines.
FROM_LINES = {"2024-wuzhou-city", "2024-yinchuan-city", "2024-xiamen-city", "2024-jincheng-city"}


def test_there_are_truths_of_at_least_20_reports_of_every_level() -> None:
    assert len(TRUTHS) >= 20
    sources = [load_truth(path)["source"] for path in TRUTHS]
    for level in ("national", "province", "city", "county", "district"):
        assert any(level in source for source in sources), level
    assert len({load_truth(path)["year"] // 10 for path in TRUTHS}) >= 4  # decades


_DIGITS = "零一二三四五六七八九"


def in_words(number: float) -> str:
    """A number below 10,000 as the older reports write it: 8 八, 12.8 十二点八, 603 六百零三,
    611 六百一十一 (spelt out here, independently of the grammar's reading of numerals)."""
    whole, _, fraction = f"{number:g}".partition(".")
    n, said, zero = int(whole), "", False
    for place, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit:
            leading_ten = digit == 1 and place == 10 and not said  # 十二, but 一百一十一
            said += ("零" if zero else "") + ("" if leading_ten else _DIGITS[digit]) + word
            zero = False
        elif said:
            zero = True
    said = said or "零"
    return said + ("点" + "".join(_DIGITS[int(d)] for d in fraction) if fraction else "")


def written(number: float, text: str) -> bool:
    """Whether a number stands in a text, in digits or in words."""
    digits = normal(str(abs(number))).removesuffix(".0")
    return digits in normal(text) or in_words(abs(number)) in normal(text)


def test_a_number_in_words_is_spelt_as_the_reports_write_it() -> None:
    assert [in_words(n) for n in (8, 10, 12.8, 20, 603, 611, 140, 2050, 4.5, 0.5)] == [
        "八", "十", "十二点八", "二十", "六百零三", "六百一十一", "一百四十", "二千零五十", "四点五",
        "零点五"]


@pytest.mark.parametrize("path", TRUTHS, ids=lambda path: path.stem)
def test_every_truth_is_the_report_s_own_words(path: Path) -> None:
    """Each target's text stands in the targets line, each result's quote in the review's lines,
    each value in its text; a measure is one of three."""
    truth = load_truth(path)
    lines = source_lines(truth)
    targets_line = normal(lines[truth["targets_line"] - 1])
    first, last = truth["review"]
    review = normal("".join(lines[first - 1:last]))
    for target in truth["targets"]:
        assert normal(target["text"]) in targets_line, target["text"]
        assert written(target["value"], target["text"]), target["text"]
        assert target["measure"] in ("change", "level", "rate")
        result = target.get("result")
        if result:
            assert normal(result["quote"]) in review, result["quote"]
            assert result["value"] == 0 or written(result["value"], result["quote"]), result
    for text in truth.get("qualitative") or ():
        assert normal(text) in targets_line, text


@pytest.mark.parametrize("path", TRUTHS, ids=lambda path: path.stem)
def test_no_result_is_wrong_and_no_row_is_garbage(path: Path) -> None:
    score = score_of(path)
    assert (score.wrong, score.garbage) == (0, 0), "\n".join(score.notes)


def test_the_reports_read_from_the_truth_s_lines_are_those_the_importer_cannot_place_yet() -> None:
    modes = {path.stem: read_report(path)[1] for path in TRUTHS}
    assert {name for name, mode in modes.items() if mode == LINES} <= FROM_LINES
    assert sum(mode == IMPORTER for mode in modes.values()) >= len(TRUTHS) - len(FROM_LINES)


def test_the_figures_of_all_truths_together() -> None:
    total = totals([score_of(path) for path in TRUTHS])
    assert total.found >= 0.95 * total.targets
    assert total.true_rows >= 0.95 * total.rows
    assert total.garbage == 0
    assert total.results >= 0.85 * total.stated
    assert total.wrong == 0
