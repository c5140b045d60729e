"""content/site.yaml: the site's title and its script variants, validated against one schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_src.errors import Location, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM
from site_src.site import routes
from site_src.variants.pins import pin_problem
from site_src.yamlio import (
    ID_PATTERN,
    Boolean,
    Field,
    Integer,
    ListOf,
    OptionalText,
    Pairs,
    Reader,
    Table,
    Text,
    child,
    items,
    read_document,
)

# A BCP 47 tag as the lang attribute takes it: language, then script/region subtags (zh-Hant-TW).
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
QUOTE_STYLES = ("corner", "curly")
# A home of fifty reports is a screen or two of a few governments' years on a phone, and about
# 20 KB; an archive of a thousand reports has twenty such pages.
REPORTS_PER_PAGE = 50


@dataclass(frozen=True)
class Variant:
    """One script edition of the site: its BCP 47 code, a label, its folder, its converter."""

    code: str = field(metadata=VERBATIM)
    label: str
    path: str = field(metadata=VERBATIM)
    opencc: str | None = field(default=None, metadata=VERBATIM)
    # Quotation marks: "corner" writes “” ‘’ as 「」 『』 (Taiwan and Hong Kong usage), "curly" keeps
    # them; "" until the site is loaded, then the genre's default for the variant's language.
    quotes: str = field(default="", metadata=VERBATIM)
    # Where site.yaml names its converter (for a configuration OpenCC turns out not to take).
    where: Location = field(default=Location(""), metadata=VERBATIM, compare=False)


@dataclass(frozen=True)
class SiteConfig:
    title: str  # "" until the site is loaded: then the report's title unless site.yaml gives one
    description: str
    variants: tuple[Variant, ...]
    # Where the site will live, e.g. https://example.org/report/ ; empty: all links stay relative
    # and canonical/sitemap URLs are left out (they must be absolute).
    base_url: str = field(default="", metadata=VERBATIM)
    # The site's own wording of interface strings (key, text); converted with the genre's words.
    ui: tuple[tuple[str, str], ...] = field(default=(), metadata=VERBATIM)
    # Whether the build adds each report's proofs (校对: the conversions a person should check) as
    # a page for editors, linked from nowhere; it costs the segmenter's start, about half a second.
    proofs: bool = False
    # How many reports a page of the site's home lists at most (and a government's page, where one
    # government has more): no page grows with the archive.
    reports_per_page: int = REPORTS_PER_PAGE


def load_config(path: Path, ui_keys: frozenset[str] = frozenset()) -> SiteConfig:
    """site.yaml; ``ui_keys`` are the interface strings the genre has, which ui: may reword."""
    return read_document(read_text(path), str(path), settings_table(ui_keys))


def _check_variant(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    code, folder, config = values["code"], values["path"], values["opencc"]
    if code and not re.fullmatch(LANGUAGE_TAG, code):
        reader.problem(nodes.get("code"), f"{path}.code",
                       f"invalid language code {code!r}: use a BCP 47 tag such as zh-Hant")
    if folder and not ID_PATTERN.fullmatch(folder):
        reader.problem(nodes.get("path"), f"{path}.path",
                       f"invalid folder name {folder!r}: lowercase ASCII letters, digits, hyphens")
    elif folder == routes.STATIC:  # where the build puts templates/static/
        reader.problem(nodes.get("path"), f"{path}.path",
                       f"the folder name {folder!r} is taken by the site's stylesheet and script")
    if config:
        values["opencc"], message = _opencc_config(config.strip(), Path(reader.file).parent)
        if message:
            reader.problem(nodes.get("opencc"), f"{path}.opencc", message)


VARIANT = Table(Variant, (
    Field("code", Text()),
    Field("label", Text()),
    Field("path", Text()),
    Field("opencc", OptionalText(), required=False, default=None),
    Field("quotes", Text(choices=QUOTE_STYLES), required=False, default=""),
), check=_check_variant, located=(("where", "opencc"),))


# The address a site will have (base_url in site.yaml, build --base-url): absolute, http(s).
BASE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def base_url_message(text: str) -> str:
    return f"expected an absolute http(s) URL such as https://example.org/report/, got {text!r}"


def with_slash(base_url: str) -> str:
    """A base URL ends in a slash: every path is appended to it."""
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


def settings_table(ui_keys: frozenset[str] = frozenset()) -> Table:
    """site.yaml's schema: ``ui_keys`` are the interface strings ui: may reword (any, if empty)."""

    def check(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
        for key in ("title", "description"):  # converted like report text: pins are resolved in them
            message = pin_problem(values[key])
            if message:
                reader.problem(nodes[key], key, message)
        for key, _ in values["ui"]:
            if ui_keys and key not in ui_keys:
                reader.problem(child(nodes["ui"], key), f"ui.{key}",
                               f"unknown interface string {key!r} (see the genre's ui.yaml)")
        base_url = values["base_url"] or ""
        if base_url and not BASE_URL.fullmatch(base_url):
            reader.problem(nodes.get("base_url"), "base_url", base_url_message(base_url))
        values["base_url"] = with_slash(base_url)
        said = any(problem.location.key == "reports_per_page" for problem in reader.problems)
        if values["reports_per_page"] < 1 and not said:
            reader.problem(nodes.get("reports_per_page"), "reports_per_page",
                           f"expected a number of reports of 1 or more, got {values['reports_per_page']}")
        _check_variants(reader, nodes.get("variants"), values["variants"])

    return Table(SiteConfig, (
        Field("variants", ListOf(VARIANT)),
        Field("title", Text(), required=False, default=""),
        Field("description", Text(), required=False, default=""),
        Field("base_url", OptionalText(), required=False, default=""),
        Field("ui", Pairs(Text()), required=False, default=()),
        Field("proofs", Boolean(), required=False, default=False),
        Field("reports_per_page", Integer(), required=False, default=REPORTS_PER_PAGE),
    ), check=check, renamed=(("review", "proofs"),))


def _check_variants(reader: Reader, node: yaml.Node | None, variants: tuple[Variant | None, ...]) -> None:
    """The first variant is the source (no conversion); no two share a code or a folder."""
    seen: list[Variant] = []
    for n, (item, variant) in enumerate(zip(items(node), variants, strict=False)):
        if variant is None:
            continue
        if n == 0 and variant.opencc is not None:
            reader.problem(child(item, "opencc"), "variants[0].opencc",
                           "the first variant is the source script and takes no conversion")
        for other in seen:
            if other.code == variant.code or other.path == variant.path:
                reader.problem(item, f"variants[{n}]",
                               f"variant {variant.code!r} repeats the code or path of {other.code!r}")
        seen.append(variant)
    if not seen and not reader.problems:
        reader.problem(node, "variants", "at least one variant is needed")


def _opencc_config(name: str, folder: Path) -> tuple[str, str | None]:
    """The configuration as the build names it, or a message saying what is wrong with it.

    One of OpenCC's own by name, with or without ``.json`` (s2tw, s2tw.json: named s2tw), or a
    configuration file of one's own, by its path from the content folder (kept as an absolute
    path), read as JSON with its conversion chain. No converter is made here: that loads its
    dictionaries (about 0.1 s, and as long again to free them), and it is the variants' stage's
    work (variants/site.py: check_configurations).
    """
    import opencc

    shipped = {config.removesuffix(".json") for config in getattr(opencc, "CONFIGS", ())}
    if name.removesuffix(".json") in shipped and "/" not in name:
        return name.removesuffix(".json"), None
    path = (folder / name).resolve()
    if "/" not in name and not (name.endswith(".json") and path.exists()):
        return name, f"unknown OpenCC configuration {name!r} (for example s2tw, s2hk, s2t)"
    try:
        data = json.loads(read_text(path))
    except SiteError as error:
        return name, f"OpenCC configuration {path}: {error.problems[0].message}"
    except ValueError as error:
        return name, f"{path} is not an OpenCC configuration: not JSON ({error})"
    chain = data.get("conversion_chain") if isinstance(data, dict) else None
    if not (isinstance(chain, list) and chain and all(isinstance(step, dict) and isinstance(
            step.get("dict"), dict) for step in chain)):
        return name, (f"{path} is not an OpenCC configuration: it needs a conversion_chain, a list of "
                      "steps each with a dict (see OpenCC's s2tw.json)")
    return str(path), None  # whether OpenCC takes it is known when a converter is made from it
