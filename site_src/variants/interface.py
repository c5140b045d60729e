"""The interface's words in each variant: written for it (the genre's ui.<language>.yaml), never
converted character by character.

The genre's ui.yaml is in the source script (Simplified). A converted variant takes each string
from the files written for its language (ui.zh-Hant.yaml for Taiwan's words, ui.zh-HK.yaml for
Hong Kong's where they differ, the languages of each in the genre's written.yaml), in its
quotation marks. A string a site rewords (site.yaml's ui:, or its own genre/ui.yaml) is the
site's, in the source script: it is converted, as the content is. So is a string no file writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from site_src.variants.punctuation import CORNER


class Written(Protocol):
    """What the genre profile knows of the written interfaces (genre.py's Genre)."""

    written_ui: Mapping[str, Mapping[str, str]]  # by language: key -> string
    ui_languages: Mapping[str, tuple[str, ...]]  # a variant's language -> the files it takes
    ui_reworded: frozenset[str]  # keys whose source string is the site's own (its genre/ui.yaml)


class Edition(Protocol):
    code: str
    opencc: str | None
    quotes: str


def ui_for(ui: Mapping[str, str], genre: Written, site_ui: tuple[tuple[str, str], ...], variant: Edition,
           convert: Callable[[str], str]) -> dict[str, str]:
    """The interface of one variant of the site: the source variant's strings as they are, a
    converted one's written for its language (see variant_ui)."""
    if variant.opencc is None:
        return {key: convert(text) for key, text in ui.items()}
    written = written_for(variant.code, genre.ui_languages, genre.written_ui)
    return variant_ui(ui, written, convert, variant.quotes, genre.ui_reworded | {key for key, _ in site_ui})


def variant_ui(ui: Mapping[str, str], written: Mapping[str, Mapping[str, str]],
               convert: Callable[[str], str], quotes: str = "curly",
               reworded: frozenset[str] = frozenset()) -> dict[str, str]:
    """One variant's interface strings.

    ``ui``: the strings in the source script, as the site has them; ``written``: the genre's
    strings written for this variant's language, by key, most particular first (zh-HK before
    zh-Hant), empty for the source variant; ``convert``: the variant's conversion (with its
    quotation marks), for what no file writes; ``reworded``: the keys the site rewords."""
    made = {}
    for key, text in ui.items():
        own = next((strings[key] for strings in written.values() if key in strings), None)
        if own is None or key in reworded:
            made[key] = convert(text)
        else:
            made[key] = own.translate(CORNER) if quotes == "corner" else own
    return made


def written_for(code: str, languages: Mapping[str, tuple[str, ...]],
                files: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    """The written strings a variant's language takes, most particular first (its own file, then
    the ones written.yaml names for it), by file language."""
    chain = languages.get(code, (code,))
    return {language: files[language] for language in chain if language in files}
