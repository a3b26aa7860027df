"""The admin side: subscribers managed as a snippet (events and types as checkboxes), the event
log with each delivery's tries, and the external-preview button."""
import pytest

from cms.delivery.models import WebhookSubscriber

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_subscriber_with_chosen_events_and_types(admin_client, site):
    form = admin_client.get("/admin/snippets/delivery/webhooksubscriber/add/")
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="published"' in html and 'value="service_guide"' in html
    response = admin_client.post("/admin/snippets/delivery/webhooksubscriber/add/", {
        "name": "移动端", "url": "https://app.example.cn/hooks", "secret": "a-long-shared-secret",
        "events": ["published", "expired"], "content_types": ["notice"], "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    subscriber = WebhookSubscriber.objects.get(name="移动端")
    assert subscriber.events == ["published", "expired"] and subscriber.content_types == ["notice"]
    assert subscriber.wants("published", "notice") and not subscriber.wants("deleted", "notice")
    assert not subscriber.wants("published", "policy")


def test_a_new_subscriber_gets_a_random_secret():
    assert len(WebhookSubscriber(name="x", url="https://x.example").secret) >= 40
    assert WebhookSubscriber().secret != WebhookSubscriber().secret


def test_the_event_log_is_listed_and_read_only(admin_client, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        content.policy.save_revision().publish()
    listing = admin_client.get("/admin/delivery_events/")
    assert listing.status_code == 200
    assert "市场主体登记管理办法" in listing.content.decode()
    assert "/admin/delivery_events/new/" not in listing.content.decode()


def test_unknown_events_or_types_are_refused(site):
    from django.core.exceptions import ValidationError

    WebhookSubscriber(name="ok", url="https://x.example", events=["deleted"], content_types=["page", "notice"]).full_clean()
    with pytest.raises(ValidationError, match="content_types"):
        WebhookSubscriber(name="x", url="https://x.example", content_types=["bogus"]).full_clean()
    with pytest.raises(ValidationError, match="events"):
        WebhookSubscriber(name="x", url="https://x.example", events=["edited"]).full_clean()
