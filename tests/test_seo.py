"""SEO and deployment: titles, descriptions, Open Graph, canonical, hreflang, sitemap, robots, 404."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_src.pipeline import BuildResult, Project, build

from .conftest import ROOT

BASE = "https://example.org/reports/rongchang-2024/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def with_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    site = folder / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("variants:", f"base_url: {BASE}\nvariants:", 1),
                    encoding="utf-8")
    build(Project.of(folder / "content", folder / "out"))
    return folder / "out"


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else ""


def test_every_page_has_a_title_description_and_open_graph(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    titles: dict[str, str] = {}
    for path in sorted(out.glob("zh-*/**/*.html")):
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html).group(1)  # type: ignore[union-attr]
        assert title.strip() and meta(html, "description"), path
        assert meta(html, "og:title") and meta(html, "og:description") and meta(html, "og:locale"), path
        assert "canonical" not in html  # no base_url: no absolute URLs at all
        titles[str(path.relative_to(out))] = title
    assert len(set(titles.values())) == len(titles)  # each page has its own title
    assert meta((out / "zh-hant" / "index.html").read_text(encoding="utf-8"), "og:locale") == "zh_TW"


def test_without_base_url_there_is_no_sitemap(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    assert not (out / "sitemap.xml").exists()
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    root_404 = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="zh-hans/index.html"' in root_404 and 'href="zh-hant/index.html"' in root_404


def test_with_base_url_canonical_and_alternates_are_absolute(with_base: Path) -> None:
    html = (with_base / "zh-hant" / "review" / "02.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}zh-hant/review/02.html">' in html
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{BASE}zh-hans/review/02.html">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}zh-hans/review/02.html">' in html
    assert meta(html, "og:url") == f"{BASE}zh-hant/review/02.html"
    assert '<a href="../review/01.html"' in html or 'href="../review/01.html"' in html  # links stay relative
    not_found = (with_base / "zh-hans" / "404.html").read_text(encoding="utf-8")
    assert f'<base href="{BASE}zh-hans/">' in not_found  # works at any depth of a missing URL
    assert f'<base href="{BASE}">' in (with_base / "404.html").read_text(encoding="utf-8")
    assert (with_base / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_sitemap_lists_every_page_with_its_alternates(with_base: Path) -> None:
    tree = ET.parse(with_base / "sitemap.xml")
    urls = tree.getroot().findall("s:url", NS)
    pages = sorted(p.relative_to(with_base).as_posix() for p in with_base.glob("zh-*/**/*.html")
                   if p.name not in ("404.html", "search.html"))
    locs = sorted(url.find("s:loc", NS).text.removeprefix(BASE) for url in urls)  # type: ignore[union-attr]
    assert locs == pages
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(links) == {"zh-Hans", "zh-Hant", "x-default"}
        for href in links.values():
            assert (with_base / href.removeprefix(BASE)).is_file()
