"""Which encoding a report's bytes are in: UTF-8, GB18030 or Big5, and its line endings.

UTF-8 is tried first: its rules are strict, so bytes in the other two almost never pass for it.
GB18030 and Big5 are not strict with each other (Big5 bytes mostly decode as GB18030, as the
wrong characters), so each is decoded and the one that reads as Chinese wins: the share of its
Chinese characters that are among the most frequent ones. Right, that share is nine in ten; the
wrong encoding's characters are scattered over the whole repertoire and give about one in ten.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from site_src.errors import Location, Problem, SiteError
from site_src.variants.convert import make_converter

# The most frequent characters of modern Chinese text (Simplified), most frequent first.
COMMON = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
    "本前开但因只从想实日者意无力与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很"
    "最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度"
    "门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电"
    "数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展"
    "马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交"
    "规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服"
    "快办议往元英士证近失转夫令准布始怎存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党"
    "华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委"
    "乎查轻易早曾除农找装广显李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽"
    "推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族"
    "供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友"
)
_MIN_COMMON_SHARE = 0.5  # right: about 0.9; the wrong one of GB18030 and Big5: about 0.1
# (the name recorded, the Python codec): Big5 as Windows writes it, with its few extensions.
_CANDIDATES = (("gb18030", "gb18030"), ("big5", "cp950"))


@dataclass(frozen=True)
class Decoded:
    text: str  # with LF line endings
    encoding: str  # utf-8, gb18030 or big5


def decode(raw: bytes, source_file: str) -> Decoded:
    """The text of a report file, with its encoding; a located SiteError when it is not text."""
    try:
        return Decoded(_lf(raw.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _error(source_file, 1, "the file is UTF-16, not UTF-8: save it as UTF-8")
    if utf8_error.end == len(raw) and utf8_error.reason == "unexpected end of data":
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise _error(source_file, line, "the file ends in the middle of a character: it looks cut short")

    best: tuple[float, Decoded] | None = None
    for name, codec in _CANDIDATES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            # GB18030 or Big5 text cut short inside a character, and Chinese up to there.
            before = raw[: error.start].decode(codec, errors="replace")
            if (error.end == len(raw) and error.reason == "incomplete multibyte sequence"
                    and plausibility(before) >= _MIN_COMMON_SHARE):
                line = raw[: error.start].count(b"\n") + 1
                raise _error(source_file, line,
                             "the file ends in the middle of a character: it looks cut short") from None
            continue
        score = plausibility(text)
        if score >= _MIN_COMMON_SHARE and (best is None or score > best[0]):
            best = (score, Decoded(_lf(text), name))
    if best is not None:
        return best[1]
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise _error(source_file, line, "the file is not valid UTF-8, nor Chinese text in GB18030 or Big5")


def plausibility(text: str) -> float:
    """The share of the text's Chinese characters that are among the most frequent.

    0 when most of what is not ASCII is not Chinese either (symbols, private-use characters: a
    wrong decoding), or there is no Chinese at all.
    """
    common = set(COMMON) | set(make_converter("s2t")(COMMON))  # Big5 text is Traditional
    wide = [char for char in text if char > "\x7f" and not char.isspace()]
    chinese = [char for char in wide if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"]
    if not chinese or len(chinese) < len(wide) / 2:
        return 0.0
    return sum(1 for char in chinese if char in common) / len(chinese)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _error(source_file: str, line: int, message: str) -> SiteError:
    return SiteError([Problem(Location(source_file, line), message)])
