"""The site in each variant's script: what makes each variant from the source, checked first."""

from __future__ import annotations

import os

from site_src.config import SiteConfig
from site_src.errors import Problem, SiteError
from site_src.variants.convert import make_converter


def check_configurations(site: SiteConfig) -> None:
    """Every OpenCC configuration of the site's own takes text, before anything is converted:
    what OpenCC refuses is an error at the line of site.yaml that names it. (OpenCC's own
    configurations, named, always do.)"""
    problems = []
    for variant in site.variants:
        if variant.opencc is None or not os.path.isabs(variant.opencc):
            continue
        try:
            make_converter(variant.opencc)("测试")
        except Exception as error:  # the binding raises bare RuntimeError/ValueError
            problems.append(Problem(variant.where, f"OpenCC cannot use the configuration {variant.opencc}: "
                                                   f"{error}"))
    if problems:
        raise SiteError(problems)
