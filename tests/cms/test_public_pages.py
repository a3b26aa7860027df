"""The public pages: filters, sorting, pagination, expiry on time, what a guide page shows."""
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import NoticePage, PolicyPage, ServiceGuidePage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def titles(response):
    return [item.title for item in response.context["listing"].page]


def test_an_expired_notice_leaves_the_list_on_time(client, make_page, market, monkeypatch):
    now = timezone.now()
    make_page(NoticePage, market, title="即将过期的通知", expires_at=now + timedelta(minutes=1))
    make_page(NoticePage, market, title="长期通知")
    assert sorted(titles(client.get("/notices/"))) == ["即将过期的通知", "长期通知"]
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=2))
    assert titles(client.get("/notices/")) == ["长期通知"]
    home = client.get("/").content.decode()
    assert "即将过期的通知" not in home and "长期通知" in home


def test_index_filters_by_department_topic_year_and_status(client, make_page, market, labour, topic):
    make_page(PolicyPage, market, title="甲", status="有效", topics=[topic],
              published_at=timezone.make_aware(timezone.datetime(2024, 5, 1)))
    make_page(PolicyPage, market, title="乙", status="废止",
              published_at=timezone.make_aware(timezone.datetime(2022, 5, 1)))
    make_page(PolicyPage, labour, title="丙", status="有效",
              published_at=timezone.make_aware(timezone.datetime(2024, 7, 1)))
    assert titles(client.get("/policies/?department=scjgj")) == ["甲", "乙"]
    assert titles(client.get("/policies/?topic=market-access")) == ["甲"]
    assert titles(client.get("/policies/?year=2024")) == ["丙", "甲"]
    assert titles(client.get("/policies/?status=废止")) == ["乙"]
    assert titles(client.get("/policies/?sort=oldest")) == ["乙", "甲", "丙"]
    # malformed values are ignored, not errors
    response = client.get("/policies/?year=abc&status=nope&sort=zzz&page=x")
    assert response.status_code == 200 and len(titles(response)) == 3


def test_index_paginates_ten_per_page(client, make_page, market):
    for n in range(12):
        make_page(NoticePage, market, title=f"通知{n:02d}")
    first, second = client.get("/notices/"), client.get("/notices/?page=2")
    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert "第 1 / 2 页" in first.content.decode()


def test_guide_page_shows_checklist_steps_time_and_places(client, make_page, market):
    page = make_page(
        ServiceGuidePage, market, title="个体工商户设立登记", fees="不收费", promised_time_limit_days=1,
        statutory_time_limit_days=3,
        materials=[("material", {"name": "经营者身份证明", "form": "原件", "copies": 1, "required": True}),
                   ("material", {"name": "委托书", "required": False})],
        procedure=[("step", {"name": "申请"}), ("step", {"name": "发证"})],
        locations=[("location", {"name": "政务服务中心", "address": "江滨大道200号"})],
        faqs=[("faq", {"question": "可以网办吗？", "answer": "可以。"})],
    )
    html = client.get(page.url).content.decode()
    for text in ("申请材料清单", "经营者身份证明", "视情形提供", "<ol>", "申请", "发证", "1 个工作日",
                 "3 个工作日", "不收费", "江滨大道200号", "可以网办吗？"):
        assert text in html, text


def test_repealed_policy_says_so_and_links_its_replacement(client, make_page, market):
    new = make_page(PolicyPage, market, title="新办法", doc_number="明市监规〔2024〕3号")
    old = make_page(PolicyPage, market, title="旧办法", status="废止", replaced_by=new)
    html = client.get(old.url).content.decode()
    assert "本文件已废止" in html and new.url in html and "明市监规〔2024〕3号" in html
    assert "本文件替代" in client.get(new.url).content.decode()


def test_department_section_redirects_to_the_filtered_index(client, make_page, market):
    page = make_page(NoticePage, market)
    response = client.get(page.get_parent().url)
    assert response.status_code == 302 and response["Location"] == "/notices/?department=scjgj"
