"""The demo loader: dozens of items in every state for 明川市, published answers without
personal data, a 差评 follow-up, trackable with the printed code; idempotent."""
import pytest

from cms.demo import load_cms_demo
from interaction.demo import DEMO_CODE, load_interaction_demo
from interaction.models import Interaction, ServiceRating
from interaction.status import Status

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_demo_has_items_in_every_state_and_loads_once(client):
    load_cms_demo()
    lines = load_interaction_demo()
    assert Interaction.objects.count() >= 40
    for status in Status.values:
        assert Interaction.objects.filter(status=status).count() >= 3, status
    assert Interaction.objects.overdue().exists()                 # the red cards have something to show
    assert Interaction.objects.filter(kind="rectification", source_rating__grade__lte=2).exists()
    assert ServiceRating.objects.count() >= 20
    count = Interaction.objects.count()
    again = load_interaction_demo()
    assert Interaction.objects.count() == count
    number = next(line for line in again if "查询码" in line).split("受理编号 ")[1].split()[0]
    tracked = client.post("/interaction/track/", {"tracking_number": number, "code": DEMO_CODE})
    assert tracked.status_code == 200 and "已办结" in tracked.content.decode()
    listing = client.get("/interaction/published/").content.decode()
    assert "条答复" in listing and "@demo.mingchuan.example" not in listing
    assert lines[0].startswith("互动交流演示数据")
