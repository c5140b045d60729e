"""A table an annex holds, flattened one cell per line:

    附件1 / 某某市2022年十大工程 / 序 / 号 / 项目名称 / … / 1 / 某某项目 / 占地… / 总投资 / 5亿元 / … / 2 / …

Such lines are cells, not the pieces of a sentence the scrape broke over lines: no rule joins them
(joined, the cells of a row and of the next would run together into one paragraph). Where a cell
itself runs over two lines (序 / 号, 总投资 / 5亿元) is known only from the table's columns, which
the flattening lost: each line stays a paragraph of the appendix, as found.
"""

from __future__ import annotations

import re

from site_src.words import Words

_ROW_NUMBER = re.compile(r"[0-9０-９]{1,3}")
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
_ROWS = 3  # the fewest rows that make a table (1, 2, 3): fewer may be a list's numbers


def table_lines(texts: list[str], words: Words) -> set[int]:
    """The indexes of the lines of each annex that holds a flattened table: an annex whose lines
    alone holding a number count its rows, 1, 2, 3 … in order."""
    heads = [i for i, text in enumerate(texts) if words.appended(text)]
    found: set[int] = set()
    for start, end in zip(heads, [*heads[1:], len(texts)], strict=False):  # none without heads
        if words.appended(texts[start]) != "appendix":
            continue
        rows = [int(text.strip().translate(_WIDE)) for text in texts[start + 1:end]
                if _ROW_NUMBER.fullmatch(text.strip())]
        if len(rows) >= _ROWS and rows == list(range(1, len(rows) + 1)):
            found.update(range(start + 1, end))
    return found
