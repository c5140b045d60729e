"""content/site.yaml: the site's title and its script variants, validated against one schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM
from site_src.variants.pins import pin_problem
from site_src.yamlio import ID_PATTERN, Reader, parse

# A BCP 47 tag as the lang attribute takes it: language, then script/region subtags (zh-Hant-TW).
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
QUOTE_STYLES = ("corner", "curly")
# Where the build puts templates/static/ (next to the variants' folders).
STATIC_FOLDER = "static"


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
    # Whether the build adds each report's conversion review queue as a page for editors
    # (review.html, linked from nowhere); it costs the segmenter's start, about half a second.
    review: bool = False


def load_config(path: Path, ui_keys: frozenset[str] = frozenset()) -> SiteConfig:
    """site.yaml; ``ui_keys`` are the interface strings the genre has, which ui: may reword."""
    problems: list[Problem] = []
    reader = Reader(str(path), problems)
    node = parse(read_text(path), str(path))
    if node is None:
        raise SiteError([Problem(Location(str(path)), "the file is empty")])
    fields = reader.mapping(node, "", ("variants",), ("title", "description", "base_url", "ui", "review"))
    if fields is None:
        raise SiteError(problems)
    title = reader.string(fields["title"], "title") if "title" in fields else ""
    description = reader.string(fields["description"], "description") if "description" in fields else ""
    for key in ("title", "description"):  # converted like report text, so pins are resolved in them
        message = pin_problem(title if key == "title" else description)
        if message:
            reader.problem(fields[key], key, message)
    ui = []
    for key, value in reader.pairs(fields.get("ui"), "ui"):
        if ui_keys and key not in ui_keys:
            reader.problem(value, f"ui.{key}", f"unknown interface string {key!r} (see the genre's ui.yaml)")
        ui.append((key, reader.string(value, f"ui.{key}")))
    base_url = reader.optional_string(fields.get("base_url"), "base_url") or ""
    if base_url and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", base_url):
        reader.problem(fields.get("base_url"), "base_url", "expected an absolute http(s) URL such as "
                       f"https://example.org/report/, got {base_url!r}")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    variants: list[Variant] = []
    for n, item in enumerate(reader.sequence(fields.get("variants"), "variants")):
        key = f"variants[{n}]"
        entry = reader.mapping(item, key, ("code", "label", "path"), ("opencc", "quotes"))
        if entry is None:
            continue
        code = reader.string(entry.get("code"), f"{key}.code")
        if code and not re.fullmatch(LANGUAGE_TAG, code):
            reader.problem(entry.get("code"), f"{key}.code",
                           f"invalid language code {code!r}: use a BCP 47 tag such as zh-Hant")
        folder = reader.string(entry.get("path"), f"{key}.path")
        if folder and not ID_PATTERN.fullmatch(folder):
            reader.problem(entry.get("path"), f"{key}.path",
                           f"invalid folder name {folder!r}: lowercase ASCII letters, digits, hyphens")
        elif folder == STATIC_FOLDER:
            reader.problem(entry.get("path"), f"{key}.path",
                           f"the folder name {folder!r} is taken by the site's stylesheet and script")
        config = reader.optional_string(entry.get("opencc"), f"{key}.opencc")
        if config:
            config, message = _opencc_config(config.strip(), path.parent)
            if message:
                reader.problem(entry.get("opencc"), f"{key}.opencc", message)
        if n == 0 and config is not None:
            reader.problem(entry.get("opencc"), f"{key}.opencc",
                           "the first variant is the source script and takes no conversion")
        for other in variants:
            if other.code == code or other.path == folder:
                reader.problem(item, key, f"variant {code!r} repeats the code or path of {other.code!r}")
        quotes = reader.string(entry["quotes"], f"{key}.quotes") if "quotes" in entry else ""
        if quotes and quotes not in QUOTE_STYLES:
            reader.problem(entry["quotes"], f"{key}.quotes",
                           f"unknown quotes {quotes!r} (allowed: {', '.join(QUOTE_STYLES)})")
        variants.append(Variant(code=code, label=reader.string(entry.get("label"), f"{key}.label"),
                                path=folder, opencc=config, quotes=quotes))
    if not variants and not problems:
        reader.problem(fields.get("variants"), "variants", "at least one variant is needed")
    if problems:
        raise SiteError(problems)
    review = reader.boolean(fields["review"], "review") if "review" in fields else False
    return SiteConfig(title=title, description=description, variants=tuple(variants), base_url=base_url,
                      ui=tuple(ui), review=review)


def _opencc_config(name: str, folder: Path) -> tuple[str, str | None]:
    """The configuration as the build names it, or a message saying what is wrong with it.

    One of OpenCC's own by name, with or without ``.json`` (s2tw, s2tw.json: named s2tw), or a
    configuration file of one's own, by its path from the content folder (kept as an absolute
    path). OpenCC's own are checked by name: creating a converter loads its dictionaries (about
    0.1 s, and as long again to free them), and the build creates the one it needs later.
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
    from site_src.variants.convert import make_converter  # only for a configuration of one's own

    try:
        make_converter(str(path))("测试")
    except Exception as error:  # the binding raises bare RuntimeError/ValueError
        return name, f"OpenCC cannot use the configuration {path}: {error}"
    return str(path), None
