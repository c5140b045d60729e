"""The genre's context rules: each example converts as it says, each rule is needed by one of its
examples, and a rules file with mistakes says where. Their effect on the whole corpus is judged in
tests/test_conversion_changes.py."""

from __future__ import annotations

import pytest

from site_src.errors import SiteError
from site_src.variants.context import ContextRule, ContextRules, read_rules, shipped_rules
from site_src.variants.convert import make_converter

RULES = shipped_rules().rules


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_each_rule_converts_its_examples_and_is_needed(rule: ContextRule) -> None:
    assert rule.examples and rule.reason
    ours = make_converter("s2tw")
    without = make_converter("s2tw", rules=ContextRules(tuple(r for r in RULES if r is not rule)))
    for example in rule.examples:
        assert ours(example.text) == example.converted, example.text
    assert any(without(example.text) != example.converted for example in rule.examples)


def test_a_rule_decides_only_its_character_and_a_glossary_word_comes_first() -> None:
    from site_src.model import GlossaryEntry

    convert = make_converter("s2tw")
    assert convert("签注业务") == "簽註業務"  # OpenCC's 簽註 keeps its 註: the rule writes only 簽
    entry = (GlossaryEntry("抽签", "抽籤", "test"),)
    assert make_converter("s2tw", entry)("现场抽签") == "現場抽籤"


def test_a_rules_file_with_mistakes_says_where() -> None:
    text = ("rules:\n  - name: 坏规则\n    character: 签署\n    form: 簽\n    reason: 说明\n"
            "    places: [start]\n    colour: red\n")
    with pytest.raises(SiteError) as error:
        read_rules(text, "context.yaml")
    messages = [str(problem) for problem in error.value.problems]
    assert any("context.yaml:3" in m and "rules[0].character" in m and "one character" in m for m in messages)
    assert any("context.yaml:6" in m and "places[0]" in m and "unknown" in m for m in messages)
    assert any("colour" in m for m in messages)
