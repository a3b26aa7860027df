"""Demo data for ``./run``: leader groups, time limits, a board with green, yellow and red items
in several departments, a month of finished items, a month of page views and searches, a few
messages, and the 局领导 portal widgets. Idempotent: what exists is kept."""
from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from config.demo import register_demo_loader

INSPECTOR = ("jiancha", "王监察", "mingchuan-inspector-2026")


def _leaders():
    from cms.models import Department
    from cms.permissions import short_name
    from oversight.models import DepartmentLeaders

    for department in Department.objects.all():
        group, _ = Group.objects.get_or_create(name=f"{short_name(department)}-领导")
        DepartmentLeaders.objects.get_or_create(department=department, defaults={"group": group})
    User = get_user_model()
    lina = User.objects.filter(username="lina").first()
    market = Department.objects.filter(name="明川市市场监督管理局").first()
    if lina and market:
        lina.groups.add(DepartmentLeaders.objects.get(department=market).group)
    inspector, created = User.objects.get_or_create(username=INSPECTOR[0], defaults={
        "first_name": INSPECTOR[1], "email": f"{INSPECTOR[0]}@example.gov.cn"})
    if created:
        inspector.set_password(INSPECTOR[2])
        inspector.save()
    inspector.groups.add(Group.objects.get_or_create(name="监察")[0])


def _time_limits():
    from oversight.clock import WORKING_DAYS
    from oversight.models import TimeLimit

    if not TimeLimit.objects.exists():
        TimeLimit.objects.create(amount=3, unit=WORKING_DAYS)


def _items(rng: random.Random) -> int:
    """Open items (green, yellow, red now) and a month of finished ones, per department."""
    from cms.models import Department, NoticePage
    from oversight.clock import WORKING_DAYS, deadlines
    from oversight.models import Level, MonitoredItem

    if MonitoredItem.objects.filter(source_id__startswith="demo-").exists():
        return 0
    now = timezone.now()
    pages = list(NoticePage.objects.live().values_list("pk", "title", "department_id")[:20]) or [(None, "示例事项", None)]
    departments = list(Department.objects.values_list("pk", flat=True))
    made = 0

    def item(n, department_id, started, *, finished=None):
        nonlocal made
        page_id, title, _dep = pages[n % len(pages)]
        warn, due = deadlines(started, 3, WORKING_DAYS, 0.8)
        level = Level.RED if due <= now else Level.YELLOW if warn <= now else Level.GREEN
        fields = dict(source="workflow", source_id=f"demo-{n}", department_id=department_id,
                      category="notice", step=rng.choice(["科室审核", "办公室签发"]), title=f"{title}（审核）",
                      link=f"/admin/pages/{page_id}/edit/" if page_id else "", started_at=started, warn_at=warn,
                      due_at=due, level=level if finished is None else Level.GREEN,
                      yellow_card=level != Level.GREEN, red_card=level == Level.RED)
        obj = MonitoredItem(**fields)
        if finished is not None:
            obj.finish(finished)
        obj.save()
        made += 1

    n = 0
    for department_id in departments:
        for days_ago in (0.2, 1.0):  # green
            item(n, department_id, now - dt.timedelta(days=days_ago)); n += 1
        if rng.random() < 0.8:  # yellow: a little over 80 % of three working days used
            item(n, department_id, _working_days_ago(now, 2.6)); n += 1
        if rng.random() < 0.6:  # red
            item(n, department_id, _working_days_ago(now, rng.choice([3.5, 5, 8]))); n += 1
        for _ in range(rng.randint(8, 20)):  # finished during the last month
            started = now - dt.timedelta(days=rng.uniform(3, 30))
            item(n, department_id, started, finished=started + dt.timedelta(hours=rng.choice([2, 6, 20, 30, 50, 70, 100]))); n += 1
    return made


def _working_days_ago(now, days: float):
    from workdays import is_working_day

    moment, remaining = now, dt.timedelta(days=days)
    while remaining > dt.timedelta(0):
        step = min(remaining, dt.timedelta(hours=1))
        moment -= step
        if is_working_day(timezone.localtime(moment).date()):
            remaining -= step
    return moment


def _page_views(rng: random.Random) -> int:
    from cms.models import CONTENT_TYPES
    from oversight.models import PageViewDaily
    from oversight.pageviews import section_of

    if PageViewDaily.objects.exists():
        return 0
    paths = ["/", "/services/", "/notices/", "/policies/", "/search/"]
    for model in CONTENT_TYPES.values():
        paths += [page.get_url() for page in model.objects.live().public()[:15] if page.get_url()]
    today = timezone.localdate()
    rows = []
    for back in range(30):
        day = today - dt.timedelta(days=back)
        weekend = day.weekday() >= 5
        for rank, path in enumerate(paths):
            views = int(rng.expovariate(1 / max(200 / (rank + 1), 3)) * (0.4 if weekend else 1))
            if views:
                rows.append(PageViewDaily(day=day, path=path, section=section_of(path), views=views))
    PageViewDaily.objects.bulk_create(rows)
    from oversight.rollups import rollup_page_views

    rollup_page_views(everything=True)
    return len(rows)


def _searches(rng: random.Random) -> None:
    from search.models import ClickLog, QueryLog

    if QueryLog.objects.exists():
        return
    now = timezone.now()
    terms = [("营业执照", 6, 40), ("社保", 5, 25), ("公积金提取", 4, 18), ("食品经营许可", 3, 12), ("出生证明", 2, 8),
             ("火星签证", 0, 4), ("无人机备案", 0, 3)]
    logs, clicks = [], []
    for term, results, count in terms:
        for _ in range(count):
            when = now - dt.timedelta(days=rng.uniform(0, 30))
            logs.append(QueryLog(query=term, results=results, backend="database", created_at=when))
            if results and rng.random() < 0.6:
                clicks.append(ClickLog(query=term, url="/services/", position=1, created_at=when))
    QueryLog.objects.bulk_create(logs)
    ClickLog.objects.bulk_create(clicks)


def _messages() -> None:
    from notifications import kinds
    from notifications.models import Notification
    from notifications.service import notify

    User = get_user_model()
    for user in User.objects.filter(username__in=["lina", "admin", INSPECTOR[0]]):
        if not Notification.objects.filter(recipient=user).exists():
            notify(user, kinds.SYSTEM, "欢迎使用消息中心：待办、预警和提醒都会出现在这里", link="/portal/messages/")
            notify(user, kinds.EFFICIENCY_YELLOW, "黄牌：关于开展食品安全专项检查的通知（科室审核）即将到期",
                   link="/portal/oversight/")


def _portal_widgets() -> None:
    from portal.models import DefaultLayout, LayoutSlot, WidgetDefinition

    leaders = Group.objects.get_or_create(name="局领导")[0]
    inspectors = Group.objects.get_or_create(name="监察")[0]
    definitions = [
        ("efficiency-alerts", "效能预警（红黄牌）", "todo", "oversight_alerts", {"limit": 5},
         {"max_items": 5, "link": "/portal/oversight/", "link_label": "进入效能监察"}),
        ("leader-pageviews", "近 30 天网站浏览量", "stat", "oversight_report", {"report": "views_by_day", "days": 30, "own_department": False},
         {"unit": "次", "chart": "line"}),
        ("leader-ontime", "内容审核按时率", "stat", "oversight_report", {"report": "workflow_efficiency", "days": 30},
         {"unit": "%", "chart": "bar"}),
    ]
    layout = DefaultLayout.objects.filter(role=leaders).first()
    if layout is None:
        layout = DefaultLayout.objects.create(name="局领导", role=leaders, priority=30)
    inspector_layout = DefaultLayout.objects.filter(role=inspectors).first() or DefaultLayout.objects.create(
        name="监察", role=inspectors, priority=30)
    for key, title, widget_type, connector, config, settings in definitions:
        definition, created = WidgetDefinition.objects.get_or_create(key=key, defaults={
            "title": title, "widget_type": widget_type, "connector": connector, "connector_config": config,
            "settings": settings, "cache_ttl": 60})
        if created:
            definition.roles.add(leaders, inspectors)
            for target in (layout, inspector_layout):
                LayoutSlot.objects.create(layout=target, widget=definition, width=2, height=1,
                                          sort_order=-10 + len(target.slots.all()))


@register_demo_loader(order=85)  # after the CMS (10) and the portal (80)
def load_oversight_demo():
    rng = random.Random(20261202)
    _leaders()
    _time_limits()
    made = _items(rng)
    _page_views(rng)
    _searches(rng)
    _messages()
    _portal_widgets()
    lines = [f"效能监察 / statistics: /portal/oversight/ , /portal/oversight/statistics/ （lina 为市场监管局领导；"
             f"监察账号 {INSPECTOR[0]} / {INSPECTOR[2]}）"]
    if made:
        lines.append(f"效能监察：已生成 {made} 条演示事项（绿、黄、红牌）")
    return lines
