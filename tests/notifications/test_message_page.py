"""The message page: filters, mark read / all read, opening a message, preferences; always the
signed-in user's own messages only."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse

from notifications import kinds
from notifications.models import ChannelPreference, ContactPoint, Notification
from notifications.service import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(official, colleague):
    notify(official, kinds.EFFICIENCY_YELLOW, "黄牌一", link="/admin/pages/3/edit/")
    notify(official, kinds.CONTENT_EXPIRING, "到期二", link="https://evil.example/phish")
    notify(official, kinds.SYSTEM, "系统三")
    notify(colleague, kinds.SYSTEM, "别人的消息")
    return {n.title: n for n in Notification.objects.all()}


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("notifications:unread")).status_code == 401


def test_the_list_shows_only_my_messages_and_filters_them(client, official, inbox):
    client.force_login(official)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "黄牌一" in page and "到期二" in page and "别人的消息" not in page
    filtered = client.get(reverse("notifications:list"), {"kind": kinds.SYSTEM}).content.decode()
    assert "系统三" in filtered and "黄牌一" not in filtered
    assert client.get(reverse("notifications:list"), {"kind": "nonsense"}).status_code == 400
    assert client.get(reverse("notifications:list"), {"since": "2026-13-01"}).status_code == 400
    assert client.get(reverse("notifications:list"), {"since": "2026-12-02", "until": "2026-12-01"}).status_code == 400


def test_mark_one_read_then_filter_by_state(client, official, inbox):
    client.force_login(official)
    assert client.get(reverse("notifications:unread")).json() == {"unread": 3}
    response = client.post(reverse("notifications:read", args=[inbox["系统三"].pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    assert client.get(reverse("notifications:unread")).json() == {"unread": 2}
    unread_page = client.get(reverse("notifications:list"), {"state": "unread"}).content.decode()
    assert "系统三" not in unread_page and "黄牌一" in unread_page


def test_someone_elses_message_is_not_found(client, official, inbox):
    client.force_login(official)
    other = inbox["别人的消息"]
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read_touches_only_mine(client, official, colleague, inbox):
    client.force_login(official)
    client.post(reverse("notifications:read-all"))
    assert Notification.objects.filter(recipient=official, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 1


def test_opening_marks_read_and_follows_only_local_links(client, official, inbox):
    client.force_login(official)
    response = client.get(reverse("notifications:open", args=[inbox["黄牌一"].pk]))
    assert response["Location"] == "/admin/pages/3/edit/"
    response = client.get(reverse("notifications:open", args=[inbox["到期二"].pk]))
    assert response["Location"] == reverse("notifications:list")
    assert Notification.objects.filter(recipient=official, read_at__isnull=False).count() == 2


def test_preferences_are_saved_per_kind_with_the_phone(client, official):
    client.force_login(official)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {
        "phone": "13912345678", f"kind_{kinds.EFFICIENCY_RED}": ["sms"], f"kind_{kinds.SYSTEM}": ["email", "sms"]})
    assert response.status_code == 302
    assert ChannelPreference.objects.get(user=official, kind=kinds.EFFICIENCY_RED).channels == ["sms"]
    assert ChannelPreference.objects.get(user=official, kind=kinds.CONTENT_EXPIRING).channels == []
    assert ContactPoint.objects.get(user=official).phone == "13912345678"
    bad = client.post(reverse("notifications:preferences"), {"phone": "<script>", f"kind_{kinds.SYSTEM}": ["fax"]})
    assert bad.status_code == 400
    assert ContactPoint.objects.get(user=official).phone == "13912345678"


def test_the_portal_header_and_admin_show_the_unread_count(client, official, inbox):
    official.is_superuser = True
    official.is_staff = True
    official.save()
    client.force_login(official)
    home = client.get("/portal/").content.decode()
    assert 'data-unread-count>3<' in home
    admin = client.get("/admin/").content.decode()
    assert "data-unread-count>3<" in admin  # the dashboard panel
    label = "消息中心（3 条未读）"  # the sidebar menu (JSON, maybe with escaped characters)
    assert label in admin or json.dumps(label)[1:-1] in admin
