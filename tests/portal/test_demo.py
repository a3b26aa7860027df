"""The portal's demo loader is idempotent and creates officials with roles."""
import pytest
from django.contrib.auth import authenticate

from portal.demo import DEMO_PASSWORD, load_portal_demo
from portal.models import DefaultLayout, WidgetDefinition

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_demo_loader_runs_twice_without_duplicating_or_resetting():
    lines = load_portal_demo()
    assert any("zhangwei" in line for line in lines)
    widgets = WidgetDefinition.objects.count()
    WidgetDefinition.objects.filter(key="messages").update(title="改过的标题")
    load_portal_demo()
    assert WidgetDefinition.objects.count() == widgets >= 9
    assert WidgetDefinition.objects.get(key="messages").title == "改过的标题"
    assert DefaultLayout.objects.filter(name="全员默认").exists()
    official = authenticate(username="zhangwei", password=DEMO_PASSWORD)
    assert official and set(official.groups.values_list("name", flat=True)) == {"审批人员", "办公室人员"}


def test_a_demo_official_logs_in_locally_and_lands_on_the_portal(client):
    load_portal_demo()
    response = client.post("/accounts/login/", {"login": "zhangwei", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200


@pytest.mark.parametrize("args, message", [
    (["--latency", "fast"], "use milliseconds"), (["--latency", "300-50"], "upper bound"), (["--failure-rate", "2"], "between 0 and 1"),
])
def test_the_demo_back_end_command_refuses_bad_options(args, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("portal_demo_backends", "--port", "0", *args)


def test_the_demo_back_ends_fail_as_often_as_told(demo):
    import httpx

    from portal.identity import FetchContext, issue_token

    token = issue_token(FetchContext(user_id=1, username="u", display_name="u", department="", roles=()), "cases")
    demo.control(failure_rate=1.0)
    assert httpx.get(f"{demo.base('cases')}/api/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 503
    demo.control(failure_rate=0.0)
    assert httpx.get(f"{demo.base('cases')}/api/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
