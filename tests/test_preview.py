"""The preview's notice of a failed build speaks the page's language, with each error's file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_src.rebuild import overlay_words
from site_src.serve import Preview, error_overlay, error_page

from .conftest import CONTENT

FAILURE = ("error: /site/content/reports/2025-x/sections/review-03.yaml:2:9: paragraphs[0].kind: "
           "unknown kind '<b>bold</b>'\n"
           "error: /site/content/site.yaml:4: variants: expected a list\n2 errors")


def test_a_chinese_page_gets_the_notice_in_its_own_script() -> None:
    """The words are the site's, converted as each of its variants is (site.yaml's variants)."""
    preview = Preview(Path("."), words=overlay_words(CONTENT))
    hans = error_overlay(FAILURE, preview.words_for(b'<!doctype html><html lang="zh-Hans"><head>'))
    hant = error_overlay(FAILURE, preview.words_for(b'<!doctype html><html lang="zh-Hant"><head>'))
    assert "上次保存未能生成网站" in hans and "上次保存未能生成網站" in hant
    assert "/site/content/reports/2025-x/sections/review-03.yaml 第2行第9列" in hans
    assert "/site/content/site.yaml 第4行" in hant
    assert "unknown kind &#x27;&lt;b&gt;bold&lt;/b&gt;&#x27;" in hans and "<b>bold</b>" not in hans
    assert "<li>2 errors</li>" in hans


def test_a_page_in_another_language_and_no_site_at_all() -> None:
    preview = Preview(Path("."), words=overlay_words(CONTENT))
    english = error_overlay(FAILURE, preview.words_for(b'<html lang="en">'))
    assert "The last save did not build" in english and "site.yaml, line 4" in english
    page = error_page(FAILURE, *reversed(preview.first_words()))
    assert '<html lang="zh-Hans">' in page and "<title>网站未能生成</title>" in page


def test_the_notice_follows_the_sites_variants_and_words(tmp_path: Path) -> None:
    """A variant of Hong Kong's script gets its words in it; a site that rewords a string of the
    notice is heard; settings that do not load leave the notice in English."""
    shutil.copytree(CONTENT, tmp_path / "content")
    site = tmp_path / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "  - code: zh-HK\n    label: 香港繁體\n"
                    "    path: zh-hk\n    opencc: s2hk\nui:\n  preview_no_site: 本站暂未生成\n",
                    encoding="utf-8")
    words = overlay_words(tmp_path / "content")
    assert list(words) == ["zh-Hans", "zh-Hant", "zh-HK"]
    assert words["zh-Hans"]["preview_no_site"] == "本站暂未生成"
    assert words["zh-HK"]["preview_no_site"] == "本站暫未生成"
    site.write_text("variants: [\n", encoding="utf-8")
    assert overlay_words(tmp_path / "content") == {}
