"""The database fallback's snippet highlighter: well-formed markup whatever the terms."""
from __future__ import annotations

import re

import pytest

from search.text import highlight

# Not marked `embedded`: nothing here reads the database or the cache, so the embedded re-run
# would repeat exactly the same test.


def well_formed(snippet: str) -> bool:
    """Tags alternate <mark>, </mark> and no tag sits inside another tag or an entity."""
    tags = re.findall(r"</?mark>", snippet)
    stripped = re.sub(r"</?mark>", "", snippet)
    return (tags == ["<mark>", "</mark>"] * (len(tags) // 2) and "<" not in stripped and ">" not in stripped)


def test_overlapping_terms_give_one_mark_not_nested_tags():
    assert highlight("remark about the mark", ["mark", "ar"]) == "re<mark>mark</mark> about the <mark>mark</mark>"


def test_overlapping_chinese_terms_are_merged_into_one_span():
    assert highlight("申请营业执照补领", ["营业执照", "执照补领"]) == "申请<mark>营业执照补领</mark>"


def test_terms_that_look_like_escaped_markup_do_not_break_entities():
    snippet = highlight("a <b> & c \"mark\"", ["amp", "lt", "quot", "b", "mark"])
    assert well_formed(snippet)
    assert snippet == "a &lt;<mark>b</mark>&gt; &amp; c &quot;<mark>mark</mark>&quot;"


@pytest.mark.parametrize("terms", [["a", "ab", "bc", "abc"], ["<", "<m", "mark>"], ["&", "&amp;"], ["k a", "ka"]])
def test_any_combination_of_terms_stays_well_formed(terms):
    snippet = highlight("<mark>abc & k abc</mark> ka", terms)
    assert well_formed(snippet), snippet
    assert re.sub(r"</?mark>", "", snippet) == "&lt;mark&gt;abc &amp; k abc&lt;/mark&gt; ka"


def test_the_window_starts_before_the_first_match_and_says_it_was_cut():
    snippet = highlight("无关" * 100 + "营业执照" + "无关" * 100, ["营业执照"], width=40)
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>营业执照</mark>" in snippet
