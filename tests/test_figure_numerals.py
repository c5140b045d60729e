"""Numbers written in Chinese numerals, read where they state a value (百分之八, 六百零三亿元,
一九五六年) and left alone where they are words (第一产业, 十四五, 一个好收成); the reading keeps every
position of the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_src.genre import load_genre
from site_src.summaries.figures.numerals import value_of

GRAMMAR = load_genre().figures


@pytest.mark.parametrize(("numeral", "number"), [
    ("八", 8), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("六百零三", 603),
    ("二千零五十", 2050), ("十二点八", 12.8), ("零点五", 0.5), ("一九五六", 1956), ("二〇二三", 2023),
    ("一千亿", 1e11), ("二十七亿四千万", 2.74e9), ("三千五百万", 3.5e7), ("一万二千", 12000),
    ("两", 2)])
def test_a_numeral_is_the_number_it_says(numeral: str, number: float) -> None:
    assert value_of(numeral) == pytest.approx(number)


@pytest.mark.parametrize("numeral", ["三四十", "十百", "万万", "百千"])
def test_a_rough_or_broken_numeral_is_no_one_number(numeral: str) -> None:
    assert value_of(numeral) is None


@pytest.mark.parametrize(("text", "read"), [
    ("增长百分之八，", "增长  8%，"),
    ("增长百分之十二点八", "增长  12.8%"),
    ("百分之四至百分之五", "  4%至  5%"),
    ("达到六百零三亿元", "达到 603亿元"),
    ("一千亿元", "1千亿元"),
    ("增加了二十七亿四千万元", "增加了  27.4亿元"),
    ("八十万千瓦", "80万千瓦"),
    ("增长一倍", "增长1倍"),
    ("提高两个百分点", "提高2个百分点"),
    ("一九五六年的", "1956年的"),
    ("千分之五", "  5‰"),
])
def test_a_numeral_that_states_a_value_is_read_in_digits_in_its_place(text: str, read: str) -> None:
    assert GRAMMAR.read(text) == read


@pytest.mark.parametrize("text", [
    "第一产业增加值", "“十四五”规划", "力争有一个好收成", "完成一项任务", "三次产业", "一般公共预算收入",
    "五个多月", "千万不要", "十亿元",  # 10亿元 would not fit in the place of 十亿元: left as written
    "三四十亿元", "统一大市场", "一带一路"])
def test_a_numeral_that_is_a_word_is_left_as_written(text: str) -> None:
    assert GRAMMAR.read(text) == text


NUMERAL = "〇零一二两三四五六七八九十百千万亿点分之"


@given(st.text(alphabet=NUMERAL + "年元个倍人吨%，。的增长", max_size=40))
def test_the_reading_keeps_every_position(text: str) -> None:
    """Only a numeral's own characters change; every other stays where it was (年, 元, ，)."""
    read = GRAMMAR.read(text)
    assert len(read) == len(text)
    assert all(a == b for a, b in zip(read, text, strict=True) if b not in NUMERAL)
