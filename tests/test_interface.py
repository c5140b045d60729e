"""The interface's words per variant: zh-Hant in Taiwan's words, zh-HK in Hong Kong's where they
differ, written (never converted character by character); a site's own rewording converted."""

from __future__ import annotations

import shutil
from pathlib import Path

import opencc
import pytest
import yaml

from site_src.genre import SHIPPED, load_genre
from site_src.pipeline import BuildResult, Project, build
from site_src.variants.interface import variant_ui, written_for
from site_src.variants.punctuation import with_quotes

from .conftest import CONTENT
from .htmltext import read_page

UI = yaml.safe_load((SHIPPED / "ui.yaml").read_text(encoding="utf-8"))
TAIWAN = yaml.safe_load((SHIPPED / "ui.zh-Hant.yaml").read_text(encoding="utf-8"))
HONG_KONG = yaml.safe_load((SHIPPED / "ui.zh-HK.yaml").read_text(encoding="utf-8"))
# What character-by-character conversion wrote, and Taiwan writes otherwise.
MAINLAND = ("搜索", "鏈接", "默認", "全角", "查找", "保存", "界面", "詞表里", "數據", "當前位置", "頂部")


def test_taiwan_writes_every_string_and_hong_kong_only_where_it_differs() -> None:
    assert TAIWAN.keys() == UI.keys()
    assert HONG_KONG.keys() <= UI.keys()
    assert all(HONG_KONG[key] != TAIWAN[key] for key in HONG_KONG)
    bare = opencc.OpenCC("s2tw").convert
    for strings, theirs in ((TAIWAN, ()), (HONG_KONG, ("數據",))):
        for key, text in strings.items():
            assert bare(text) == text, key  # written in Traditional characters throughout
            assert not any(word in text for word in MAINLAND if word not in theirs), (key, text)
    # The placeholders a page fills in are those of the source string.
    for key, text in TAIWAN.items():
        assert sorted(_fields(text)) == sorted(_fields(UI[key])), key


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_taiwan_words_in_the_built_interface(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    search = read_page(out / "zh-hant" / "search.html")
    assert "搜尋" in search.title and "搜索" not in search.text
    # The pages' HTML: labels (aria-label="目前位置") are words a reader hears.
    text = "".join(path.read_text(encoding="utf-8") for path in (out / "zh-hant").rglob("*.html"))
    for word in ("搜尋", "連結", "預設", "全形", "尋找", "目前位置", "回到頁首"):
        assert word in text, word
    # Pages of the interface alone (a report's text and its notes may say 鏈接 or 默認: theirs).
    chrome = "".join((out / "zh-hant" / name).read_text(encoding="utf-8")
                     for name in ("search.html", "404.html"))
    assert not [word for word in MAINLAND if word in chrome]


def test_a_variant_takes_its_languages_files_most_particular_first() -> None:
    genre = load_genre()
    convert = with_quotes(opencc.OpenCC("s2hk").convert, "corner")
    hong_kong = variant_ui(UI, written_for("zh-HK", genre.ui_languages, genre.written_ui), convert, "corner")
    assert hong_kong["downloads"] == "下載數據：" and hong_kong["search"] == "搜尋"
    assert hong_kong["search_term"] == "「{term}」"  # the variant's quotation marks
    taiwan = variant_ui(UI, written_for("zh-TW", genre.ui_languages, genre.written_ui), convert, "curly")
    assert taiwan["downloads"] == "下載資料：" and taiwan["search_term"] == "“{term}”"
    # A language no file is written for converts, as before.
    other = variant_ui(UI, written_for("zh-SG", genre.ui_languages, genre.written_ui), lambda t: f"<{t}>")
    assert other["search"] == "<搜索>"


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reworded")
    shutil.copytree(CONTENT, root / "content")
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "ui:\n  search_title: 查询\n  back_to_top: 返回顶部\n",
                    encoding="utf-8")
    build(Project.of(root / "content", root / "output"))
    return root / "output"


def test_a_site_rewording_is_its_own_words_converted_in_each_variant(reworded: Path) -> None:
    hans, hant = (read_page(reworded / code / "search.html") for code in ("zh-hans", "zh-hant"))
    assert "查询" in hans.title and "查詢" in hant.title
    page = (reworded / "zh-hant" / "full.html").read_text(encoding="utf-8")
    assert "返回頂部" in page and "目前位置" in page  # reworded, converted; the rest Taiwan's
