"""A report's folder name from its issuer and year, the place as its own unit calls it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from site_src.genre import load_genre
from site_src.ingest.slug import place_name, slug_for

PLACES = load_genre().places


@pytest.mark.parametrize(("issuer", "place"), [
    ("呼伦贝尔市海拉尔区人民政府", "海拉尔"),
    ("兰州市城关区人民政府", "城关"),
    ("福州市人民政府", "福州"),  # 州 inside a city's name is no unit of its own
    ("贵州省人民政府", "贵州"),
    ("杭州市西湖区人民政府", "西湖"),
    ("宁波市镇海区人民政府", "镇海"),  # nor 镇 inside a district's
    ("上海市浦东新区人民政府", "浦东"),
    ("广西壮族自治区人民政府", "广西"),
    ("恩施土家族苗族自治州人民政府", "恩施"),
    ("新疆维吾尔自治区人民政府", "新疆"),
    ("内蒙古自治区人民政府", "内蒙古"),
    ("北京市人民政府", "北京"),
    ("某某县政府", "某某"),
    ("某区人民政府", "某"),  # a name of one character
    ("某市甲区人民政府", "甲"),
    ("安阳市滑县人民政府", "滑"),
])
def test_the_place_of_an_issuer(issuer: str, place: str) -> None:
    assert place_name(issuer, PLACES) == place


def test_the_slug_is_year_and_place_in_pinyin() -> None:
    def slug(issuer: str, year: int) -> str | None:
        return slug_for(SimpleNamespace(issuer=issuer, year=year), PLACES)  # type: ignore[arg-type]

    assert slug("兰州市城关区人民政府", 2025) == "2025-chengguan"
    assert slug("福州市人民政府", 2026) == "2026-fuzhou"
    assert slug("国务院", 2019) == "2019-national"
    assert slug("", 2019) is None
