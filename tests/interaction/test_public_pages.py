"""The citizen's HTML pages: the form (themed, accessible labels, no JavaScript needed), the
receipt, 查询办理进度 with number + code, rating the answer, 公开选登 without personal data, and
好差评 on a service guide."""
from __future__ import annotations

import re

import pytest

from interaction.models import Interaction, ServiceRating
from interaction.status import Status

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_form_page_is_themed_and_every_field_has_a_label(client, market, site):
    response = client.get("/interaction/new/complaint/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html and "我要投诉" in html
    for field in ("id_subject", "id_content", "id_name", "id_phone", "id_email", "id_privacy_consent", "id_department"):
        assert f'for="{field}"' in html, field
    assert 'aria-hidden="true"' in html and 'name="website"' in html   # the honeypot, hidden from people
    assert "<script" not in html.split("</main>")[0].split('<main')[1]  # the form itself needs no script


def test_submit_track_answer_and_rate_without_javascript(client, market, market_signer, site):
    response = client.post("/interaction/new/consultation/", {
        "department": "scjgj", "subject": "食品经营许可证延续", "content": "许可证快到期了，延续需要提前多久申请？",
        "name": "王五", "phone": "13711112222", "privacy_consent": "on", "publish_consent": "on"})
    assert response.status_code == 201
    html = response.content.decode()
    number = re.search(r"data-tracking-number>(\d+)<", html).group(1)
    code = re.search(r"data-query-code>([A-Z0-9]+)<", html).group(1)
    assert response["Cache-Control"].startswith("no-store")
    wrong = client.post("/interaction/track/", {"tracking_number": number, "code": "AAAAAAAA"})
    assert wrong.status_code == 404 and "没有找到该事项" in wrong.content.decode()
    tracked = client.post("/interaction/track/", {"tracking_number": number, "code": code})
    assert tracked.status_code == 200 and "待分办" in tracked.content.decode()

    item = Interaction.objects.get(tracking_number=number)
    Interaction.objects.filter(pk=item.pk).update(status=Status.AWAITING_SIGNOFF, answer_draft="请在有效期届满30日前申请。")
    client.force_login(market_signer)
    client.post(f"/admin/interaction/{item.pk}/step/answered/", {"answer": "请在有效期届满30日前申请。", "publish": "on"})
    client.logout()

    tracked = client.post("/interaction/track/", {"tracking_number": number, "code": code}).content.decode()
    assert "请在有效期届满30日前申请。" in tracked and "您对答复是否满意" in tracked
    rated = client.post("/interaction/track/rate/", {"tracking_number": number, "code": code, "satisfaction": "satisfied"})
    assert rated.status_code == 200
    item.refresh_from_db()
    assert item.satisfaction == "satisfied" and item.status == Status.CLOSED
    again = client.post("/interaction/track/rate/", {"tracking_number": number, "code": code, "satisfaction": "unsatisfied"})
    assert again.status_code == 409
    listing = client.get("/interaction/published/", {"department": "scjgj"}).content.decode()
    assert "食品经营许可证延续" in listing and "王五" not in listing and "13711112222" not in listing
    detail = client.get(f"/interaction/published/{number}/")
    assert detail.status_code == 200 and "满意" in detail.content.decode()


def test_unpublished_answers_are_not_reachable(client, make_item):
    item, _ = make_item(publish_consent=False)
    Interaction.objects.filter(pk=item.pk).update(status=Status.ANSWERED, answer="答复", is_published=True)
    assert client.get(f"/interaction/published/{item.tracking_number}/").status_code == 404
    assert client.get("/interaction/published/", {"page": "x"}).status_code == 400


def test_rating_a_service_guide_once_a_day_and_a_bad_rating_opens_a_follow_up(client, market, make_page, site):
    from cms.models import ServiceGuidePage

    guide = make_page(ServiceGuidePage, market, title="食品经营许可")
    page = client.get(guide.url)
    assert page.status_code == 200 and "好差评" in page.content.decode()
    response = client.post(f"/interaction/ratings/{guide.pk}/", {
        "grade": "2", "reasons": ["unclear_materials"], "comment": "材料清单和窗口说的不一样",
        "contact_phone": "13600001111"})
    assert response.status_code == 201 and "整改" in response.content.decode()
    follow_up = Interaction.objects.get(kind="rectification")
    assert follow_up.department == market and follow_up.phone == "13600001111"
    assert "材料要求不清楚" in follow_up.content
    second = client.post(f"/interaction/ratings/{guide.pk}/", {"grade": "5"})
    assert second.status_code == 409 and ServiceRating.objects.count() == 1
    assert client.post(f"/interaction/ratings/{guide.pk}/", {"grade": "9"}, REMOTE_ADDR="10.9.9.9").status_code == 400
    assert "平均 2.0 分" in client.get(guide.url).content.decode()


def test_a_non_guide_page_cannot_be_rated(client, market, make_page, site):
    from cms.models import NoticePage

    notice = make_page(NoticePage, market)
    assert client.post(f"/interaction/ratings/{notice.pk}/", {"grade": "5"}).status_code == 409
    assert not ServiceRating.objects.exists()
