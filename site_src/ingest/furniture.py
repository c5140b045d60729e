"""Page furniture: the lines a web page or a wiki puts around a report, and the rules that find them.

Every rule is one entry of ``RULES``, with a name (recorded with each line it removes) and a
reason (shown in the import report and on the site). To teach the importer a new kind of
furniture, add an entry; the first rule that matches a line names its removal, so put the
narrow rules before the broad ones.

Rules are matched against the Simplified form of a line, so one rule serves either script, and
only where furniture is found: the head (before the report's first salutation or part heading)
and the tail (read backwards from the end of the file, stopping at the first line that no tail
rule matches, so the report's own text is never reached). A block rule (``to_end``) removes
everything from its first line to the end of the file: a licence notice split into one-word lines.

The rules whose words are the genre's (a web page's toolbar, a photo caption's credit) are made
from the genre profile by ``rules_for``; ``RULES`` are the ones that need no words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from site_src.model import Removal
from site_src.words import Words

# edges: head or tail; body: between them (a page's break inside the report's text)
HEAD, TAIL, EDGES, ANYWHERE, BODY = "head", "tail", "edges", "anywhere", "body"


@dataclass(frozen=True)
class Rule:
    name: str
    region: str  # HEAD, TAIL, EDGES or ANYWHERE
    reason: str
    line: re.Pattern[str] | None = None  # the line, stripped, matches this …
    after: re.Pattern[str] | None = None  # … and the line before it this (a label, its value below)
    repeats: str = ""  # "opening": the line repeats the report's opening words
    to_end: bool = False  # the line opens a block that runs to the end of the file
    broad: bool = False  # matches short lines of any kind: not in what the report appends

    def matches(self, text: str, previous: str, opening: str) -> bool:
        if self.line is not None and not self.line.fullmatch(text):
            return False
        if self.after is not None and not self.after.fullmatch(previous):
            return False
        if self.repeats == "opening":
            compact = _compact(text)
            return len(compact) >= 8 and bool(opening) and _compact(opening).startswith(compact)
        if self.repeats == "previous":
            compact = _compact(text)
            return len(compact) >= 20 and _compact(previous).endswith(compact)
        return True


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_SOURCE_LABEL = r"(?:来源|稿源|出处|信息来源)[:：]"
_EDITOR_LABEL = r"[（(]?(?:责任编辑|编辑|审核|审校|校对|核稿)[:：]"
_HEX_ID = r"[0-9a-f]{16,}[:：]?"
_NO_SENTENCE = r"[^。！？!?]"
# No clause punctuation, not a sentence's end, at most 40 characters, not a part or an area
# heading (一、…, （一）…: a report cut short under one ends on it).
_SHORT_LINE = (r"(?![一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
               r"[^，,。！!？?；;]{0,39}[^，,。！!？?；;”…]")

RULES: tuple[Rule, ...] = (
    Rule("stray-mark", ANYWHERE, "孤立的问号行（网页残留）", line=_re(r"[?？]+")),
    Rule("page-join", ANYWHERE, "只有零宽字符的行：分页的衔接处",
         line=_re("[\u200b\u200c\u200d\u2060\ufeff]+")),
    Rule("page-number", ANYWHERE, "印刷页的页码（— 3 —）",
         line=_re(r"[—–－-]+\s*\d{1,3}\s*[—–－-]*|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?")),
    Rule("running-head", BODY, "报纸转版处的页眉（报告标题）", line=_re(r"政\s*府\s*工\s*作\s*报\s*告")),
    Rule("page-meta", HEAD, "网页的发布信息（时间、作者、来源、阅读，一行几项）",
         line=_re(r"(?:.*?(?:时间|作者|来源|阅读|浏览|评论|点击|编辑)[:：].*?){2,}")),
    Rule("page-meta", HEAD, "网页的信息标签（评论、阅读、内容摘要）",
         line=_re(r"(?:评论|阅读|浏览|点击|作者|内容摘要|摘要|导读)[:：]")),
    Rule("page-meta", HEAD, "网页信息标签的数值（阅读、评论次数）", line=_re(r"\d{1,9}"),
         after=_re(r".*[:：]")),
    Rule("page-summary", HEAD, "网页的内容摘要（正文开头连成一行）", line=_re(r".+"),
         after=_re(r"(?:内容摘要|摘要|导读)[:：]")),
    Rule("document-label", HEAD, "会议文件的编号（某某县十七届人大 / 五次会议文件（1））",
         line=_re(r"[^。，！？]{0,12}(?:届人大|会议文件)[^。，！？]{0,8}")),
    Rule("timestamp", EDGES, "网页的发布时间",
         line=_re(r"(?:(?:发布|更新|发表)?时间[:：]\s*)?(?:19|20)\d\d[-年/.]\d{1,2}[-月/.]\d{1,2}日?"
                  r"(?:\s*\d{1,2}[:：时]\d{1,2}分?(?:[:：]\d{1,2}秒?)?)?")),
    Rule("source", EDGES, "网页的来源标注", line=_re(_SOURCE_LABEL + r".{0,30}")),
    Rule("timestamp", EDGES, "网页的发布时间（标签单独成行）", line=_re(r"(?:发布|更新|发表)?时间[:：]")),
    Rule("counter", EDGES, "网页的阅读次数",
         line=_re(r"(?:阅读量|阅读数|阅读次数|浏览量|浏览次数|点击数|点击量|访问量)[:：]?\s*\d*次?")),
    Rule("breadcrumb", HEAD, "网页的导航路径（首页 > 栏目 > …）",
         line=_re(r"(?:当前位置[:：]?\s*)?首页|当前位置[:：]?|[>›»＞]|-?>>?")),
    Rule("breadcrumb", HEAD, "网页的导航路径（栏目名）", line=_re(_NO_SENTENCE + r"{1,20}"),
         after=_re(r"[>›»＞]|-?>>?")),
    Rule("source", EDGES, "网页的来源标注（来源名称单独成行）",
         line=_re(_NO_SENTENCE + r"{1,30}"), after=_re(_SOURCE_LABEL)),
    Rule("font-size", EDGES, "网页的字号按钮（大、中、小）",
         line=_re(r"【?\s*字[体号](?:大小)?[:：]?\s*(?:[大中小]\s*)*】?|[大中小]|】")),
    Rule("share", EDGES, "网页的分享、打印、关闭按钮",
         line=_re(r"分享到?[:：]?.{0,20}|扫一扫在手机(?:上)?打开当前页|【?打印(?:本页|此页)?】?"
                  r"|【?关闭(?:窗口|本页)?】?|收藏(?:本页)?|返回顶部|【?我要纠错】?")),
    Rule("editor", EDGES, "网页的编辑署名", line=_re(_EDITOR_LABEL + r"\s*[^。，！？]{0,12}[）)]?")),
    Rule("editor", EDGES, "网页的编辑署名（姓名单独成行）",
         line=_re(r"[^。，！？：:]{1,12}"), after=_re(_EDITOR_LABEL)),
    Rule("site-notice", TAIL, "网站的免责声明、版权和转载说明",
         line=_re(r".*(?:免责声明|本站|本网站|不得转载|侵权).*")),
    Rule("tags", TAIL, "网页的标签栏", line=_re(r"(?:标签|标签云|关键词|Tags?)[:：]?")),
    Rule("related-links", TAIL, "网页的相关链接栏目",
         line=_re(r"(?:相关(?:附件|链接|新闻|阅读|文章|稿件|报道)|延伸阅读)\s*(?:>>|》》|[:：])?")),
    Rule("related-links", TAIL, "网页的相关链接（链接的十六进制编号）", line=_re(_HEX_ID)),
    Rule("related-links", TAIL, "网页的相关文章（日期下的标题）", line=_re(r".{1,60}"),
         after=_re(r"(?:(?:19|20)\d\d[-/.])?\d{1,2}[-/.]\d{1,2}")),
    Rule("related-links", TAIL, "网页的相关链接（链接标题）",
         line=_re(_NO_SENTENCE + r"{1,80}"), after=_re(_HEX_ID)),
    Rule("licence", TAIL, "维基文库的版权许可声明（拆成单字行，以 false 结尾）",
         line=_re(r"(?:本作品(?:是|在|的|于|来自)|注：中文维基文库).*"), to_end=True),
    Rule("title-repeated", TAIL, "文末重复的标题",
         line=_re(r"[^。，！？]{0,30}政\s*府\s*工\s*作\s*报\s*告[^。，！？]{0,10}")),
    Rule("opening-repeated", TAIL, "文末重复的开头语", repeats="opening"),
    Rule("end-repeated", TAIL, "重复上一段结尾的一行（抓取时重复）", repeats="previous"),
    Rule("site-footer", TAIL, "网站页脚（链接与版权信息）", line=_re(_SHORT_LINE), broad=True),
)




# A line of the head that repeats one above it (not in RULES: it needs the lines above).
HEAD_REPEATED = Rule("head-repeated", HEAD, "网页开头重复的标题或署名", repeats="head")
# A page's own title over the report's title (the later one is the report's: 政 府 工 作 报 告).
PAGE_TITLE = Rule("page-title", HEAD, "网页的标题（报告自己的标题在下面）", repeats="title")


def rules_for(words: Words) -> tuple[Rule, ...]:
    """``RULES`` with the rules made of the genre's words: after the named widgets, before the
    broad tail rules."""
    title = words.data.title
    columns = "|".join(re.escape(title[at:]) for at in range(1, len(title) - 1))
    own = (
        Rule("toolbar", HEAD, "网页的工具栏（下载、全屏、加大、还原、减小，一词一行）", line=words.toolbar),
        Rule("photo-caption", HEAD, "标题下的图片说明（以摄影署名结尾）", line=words.photo_caption),
        Rule("column-name", HEAD, "网页的栏目名（工作报告）", line=_re(rf"(?:{columns})")),
    )
    at = next(n for n, rule in enumerate(RULES) if rule.name == "editor")
    return (*RULES[:at], *own, *RULES[at:])


@dataclass(frozen=True)
class Line:
    """A line to judge: its number, its Simplified text (what rules match), its text as found."""

    number: int
    text: str
    raw: str
    indent: str = ""  # the whitespace the line opened with, as found (　　 before a paragraph)


def find_furniture(lines: list[Line], report_start: int, body_end: int,
                   rules: tuple[Rule, ...] = RULES, appended: int | None = None,
                   title: re.Pattern[str] | None = None,
                   ends: Callable[[str], bool] | None = None) -> list[Removal]:
    """The furniture among ``lines``, each with the rule that found it, in line order.

    ``report_start`` is the index of the report's first line (its salutation or part 一): the
    head is before it. The tail is read backwards from the end down to ``body_end`` at most (the
    last part heading): the report's own text lies before it. From ``appended`` on (the heading
    of what the report appends: 名词解释, 附件), a broad rule finds nothing, up to a web page's
    named widget (分享到：, 免责声明 …): an annex's last lines are as short as a footer's. A
    ``title`` line (compacted) in the head with another below it is the page's own title.
    ``ends`` says whether a line can end the report (its closing call): a page's footer follows
    the report's end, so short lines a broad rule would take under a line that cannot end it are
    the report's own (a sentence cut mid-word: the import then says the file looks cut short).
    """
    found: dict[int, Removal] = {}
    scan = _Scan(lines, rules, "".join(line.text for line in lines[report_start: report_start + 3]))
    if appended is not None:
        scan.broad_from = next((index for index in range(appended, len(lines))
                                if scan.first(index, (TAIL, EDGES), lambda rule: not rule.broad
                                              and not rule.to_end)), len(lines))
    _head(scan, report_start, title, found)
    end = len(lines)
    low = max(body_end + 1, report_start)
    # A block runs to the end of the file: the first line that opens one, found in one pass.
    block = next(((index, rule) for index in range(low, end)
                  for rule in [scan.first(index, (TAIL,), lambda rule: rule.to_end)] if rule), None)
    if block is not None:
        start, rule = block
        for index in range(start, end):
            found[index] = scan.removal(index, rule)
        end = start
    broad: set[int] = set()
    indent = _paragraph_indent(lines[report_start:low])
    while end > low:
        rule = scan.first(end - 1, (TAIL, EDGES, ANYWHERE), lambda rule: not rule.to_end)
        if rule is None or (rule.broad and indent and lines[end - 1].indent == indent):
            break  # a short line indented as the report's paragraphs are is one of them, cut short
        found[end - 1] = scan.removal(end - 1, rule)
        if rule.broad:
            broad.add(end - 1)
        end -= 1
    if ends is not None and end > 0 and not ends(lines[end - 1].text):
        while end in broad:  # no footer under text that does not end the report: the report's own
            del found[end]
            end += 1
    for index in range(report_start, end):
        rule = scan.first(index, (ANYWHERE, BODY), lambda rule: not rule.to_end)
        if rule is not None:
            found[index] = scan.removal(index, rule)
    return [found[index] for index in sorted(found)]


def _paragraph_indent(body: list[Line]) -> str:
    """The indent the report's paragraphs open with, where nearly all of them share one (a page's
    footer is not set as the report's paragraphs are); "" where they do not."""
    paragraphs = [line.indent for line in body if line.text.endswith(("。", "！", "？"))]  # not headings
    if not paragraphs:
        return ""
    indent, count = Counter(paragraphs).most_common(1)[0]
    return indent if count >= 0.9 * len(paragraphs) else ""


class _Scan:
    """The rules asked of the lines, one line at a time."""

    def __init__(self, lines: list[Line], rules: tuple[Rule, ...], opening: str) -> None:
        self.lines, self.rules, self.opening = lines, rules, opening
        self.broad_from = 0  # where broad rules find furniture again, after an appended heading

    def first(self, index: int, regions: tuple[str, ...], test: Callable[[Rule], bool]) -> Rule | None:
        previous = self.lines[index - 1].text if index > 0 else ""
        for rule in self.rules:
            if rule.broad and index < self.broad_from:
                continue
            if rule.region in regions and test(rule) and rule.matches(self.lines[index].text, previous,
                                                                      self.opening):
                return rule
        return None

    def removal(self, index: int, rule: Rule) -> Removal:
        line = self.lines[index]
        return Removal(line.number, line.raw, rule.reason, rule=rule.name)


def _head(scan: _Scan, report_start: int, title: re.Pattern[str] | None, found: dict[int, Removal]) -> None:
    """The page's head: its widgets, a title or byline shown twice, its own title over the report's."""
    seen: set[str] = set()
    for index in range(report_start):
        rule = scan.first(index, (HEAD, EDGES, ANYWHERE), lambda rule: not rule.to_end)
        if rule is not None:
            found[index] = scan.removal(index, rule)
            continue
        compact = _compact(scan.lines[index].text)
        if compact in seen and len(compact) >= 4:  # the page shows its title and byline twice
            found[index] = scan.removal(index, HEAD_REPEATED)
        seen.add(compact)
    compact = {index: _compact(scan.lines[index].text) for index in range(report_start) if index not in found}
    titles = [index for index, text in compact.items()
              if title is not None and len(text) <= 40 and title.match(text)]
    for index in titles[:-1]:
        found[index] = scan.removal(index, PAGE_TITLE)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
