"""Query understanding (search/understanding.py): what the citizen typed → what is searched."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from search import understanding
from search.models import Synonym
from tests.search.conftest import index_documents
from tests.search.corpus import corpus, doc

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def known(settings):
    settings.ELASTICSEARCH_URL = ""
    index_documents(corpus())
    understanding.forget_vocabulary()
    yield
    understanding.forget_vocabulary()


def test_traditional_and_full_width_text_is_normalised():
    assert understanding.normalise("營業執照　遺失ＡＢＣ") == "营业执照 遗失abc"


def test_question_words_are_removed_and_content_words_kept(known):
    for typed in ("营业执照遗失补领需要什么材料", "请问营业执照遗失补领要去哪里办", "營業執照遺失補領怎麼辦"):
        assert understanding.understand(typed).terms == ["营业执照", "遗失", "补领"], typed


def test_doc_numbers_are_searched_as_typed(known):
    found = understanding.understand("穗工商（2024）12号")
    assert found.doc_number and found.text == "穗工商(2024)12号"


def test_a_wrong_homophone_is_corrected_and_offered(known):
    found = understanding.understand("营业执找")
    assert found.terms == ["营业执照"] and found.corrected == "营业执照"
    assert understanding.understand("营业执照").corrected == ""


def test_words_of_a_story_that_the_index_never_has_are_dropped(known):
    found = understanding.understand("我的小超市营业执照不小心弄丢了现在要怎么重新补一个")
    assert "营业执照" in found.terms and "小超市" not in found.terms
    assert "营业执照 遗失" in found.variants  # 弄丢 → 遗失 from the default lexicon


def test_a_query_mostly_about_unknown_things_is_kept_whole(known):
    assert understanding.understand("火星移民申请").terms == ["火星", "移民", "申请"]


def test_default_lexicon_is_loaded_and_editable(known):
    assert Synonym.objects.filter(terms="社保", expands_to__contains="社会保险").exists()
    assert "养犬登记" in understanding.understand("狗证").variants
    rule = Synonym.objects.get(terms__startswith="狗证")
    rule.enabled = False
    rule.save()
    assert "养犬登记" not in understanding.understand("狗证").variants
    call_command("load_search_lexicon", stdout=open("/dev/null", "w"))  # adds what is missing only
    assert not Synonym.objects.get(terms__startswith="狗证").enabled


def test_a_search_with_a_typo_finds_the_item_and_says_did_you_mean(client, known):
    body = client.get("/api/search/", {"q": "营业执找"}).json()
    assert body["results"][0]["slug"] == "t-1"
    assert body["suggestions"][0] == "营业执照"


def test_nothing_found_gives_suggestions_not_noise(client, known):
    body = client.get("/api/search/", {"q": "火星移民申请"}).json()
    assert body["total"] == 0 and body["suggestions"]


def test_a_channel_is_dropped_when_the_query_also_says_what_it_wants(known):
    index_documents([doc("t:app", "notice", "关于“穗好办”APP上线的公告", summary="“穗好办”app汇聚高频事项。")])
    understanding.forget_vocabulary()
    assert understanding.understand("穗好办营业执照补领").terms == ["营业执照", "补领"]  # the site's own app name
    assert understanding.understand("营业执照 app").terms == ["营业执照"]
    assert "穗好办" in understanding.understand("穗好办 下载").terms  # about the app itself


def test_a_lone_long_word_is_relaxed_into_its_parts(known):
    assert understanding.understand("营业执照").relaxed == ["营业 执照"]  # tried only when the whole finds nothing
    assert understanding.sub_words("住房公积金") == ["住房", "公积金"]
    assert understanding.sub_words("社保") == []


def test_a_long_story_that_finds_nothing_falls_back_to_any_of_its_words(client, known):
    # 公积金 (a lexicon word) is in no document, so the query and its relaxed forms find nothing;
    # the story's other words are only in a body (t:1: 登报声明作废)
    typed = "想问问公积金的事情登报声明作废以后怎么弄"
    understood = understanding.understand(typed)
    assert understood.relaxed == [] or all("公积金" in r for r in understood.relaxed)
    assert "作废" in understood.any_words
    body = client.get("/api/search/", {"q": typed}).json()
    assert "t-1" in [r["slug"] for r in body["results"]]
    assert understanding.understand("火星移民申请").any_words == []  # short: no last pass, no noise
