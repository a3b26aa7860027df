"""Test content: public items of every type next to everything that must stay hidden from
anonymous clients (a draft, a draft revision of a live item, an item in an internal section, an
expired notice, an unpublished policy). Shared by the visibility matrix, the contract test and
the API tests. Hidden titles all contain ``机密`` so a leak shows up in any response body."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cms.models import NoticePage, PolicyPage, ServiceGuidePage
from cms.site_tree import ensure_section

SECRET = "机密"


@dataclass
class Content:
    guide: ServiceGuidePage
    notice: NoticePage
    policy: PolicyPage
    repealed: PolicyPage
    public: list = field(default_factory=list)
    hidden: list = field(default_factory=list)


def build_content(make_page, market, labour, topic) -> Content:
    now = timezone.now()
    document = get_document_model().objects.create(title="申请表", file=ContentFile(b"%PDF-1.4 test", name="form.pdf"))
    guide = make_page(
        ServiceGuidePage, market, title="个体工商户设立登记", slug="getihu", topics=[topic], audience=["个人"],
        summary="个体户营业执照办理", item_code="11440100MB2C123", item_type="行政许可",
        materials=[("material", {"name": "身份证", "form": "原件", "copies": 1, "required": True, "note": ""})],
        procedure=[("step", {"name": "申请", "description": "网上提交"})],
        locations=[("location", {"name": "政务服务中心", "address": "明川路1号", "hours": "9:00-17:00", "phone": "12345"})],
        faqs=[("faq", {"question": "要钱吗？", "answer": "不收费"})],
        attachments=[("attachment", {"title": "申请表", "document": document})],
        statutory_time_limit_days=20, promised_time_limit_days=3, fees="不收费",
        published_at=now - timedelta(days=10),
    )
    notice = make_page(NoticePage, labour, title="社保年度基数调整通知", slug="shebao-notice", priority="urgent",
                       audience=["个人", "法人"], expires_at=now + timedelta(days=30), published_at=now - timedelta(days=2))
    policy = make_page(PolicyPage, market, title="市场主体登记管理办法", slug="policy-valid", status="有效",
                       doc_number="明市监规〔2024〕3号", topics=[topic], audience=["法人"],
                       published_at=now - timedelta(days=100))
    repealed = make_page(PolicyPage, market, title="旧登记办法", slug="policy-old", status="废止",
                         replaced_by=policy, published_at=now - timedelta(days=400))

    draft = make_page(ServiceGuidePage, market, title=f"{SECRET}草稿指南", slug="draft-guide", live=False)
    expired = make_page(NoticePage, labour, title=f"{SECRET}已过期通知", slug="expired-notice",
                        published_at=now - timedelta(days=20), expires_at=now - timedelta(days=1))
    withdrawn = make_page(PolicyPage, labour, title=f"{SECRET}已撤回政策", slug="withdrawn-policy")
    withdrawn.unpublish()
    internal = make_page(NoticePage, market, title=f"{SECRET}内部通知", slug="internal-notice",
                         audience=["个人"], topics=[topic])
    internal_section = internal.get_parent()
    # An internal section of its own: move the item under a restricted folder in the same index.
    folder = ensure_section(internal_section.get_parent().specific, _internal_department(market))
    internal.move(folder, pos="last-child")
    restriction = PageViewRestriction.objects.create(page=folder, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="内部人员")[0])
    notice.title = f"{SECRET}未发布的修改"
    notice.save_revision()  # a newer draft of a live item: only the live title is public
    notice.refresh_from_db()

    return Content(guide=guide, notice=NoticePage.objects.get(pk=notice.pk), policy=policy, repealed=repealed,
                   public=[guide, notice, policy, repealed],
                   hidden=[draft, expired, withdrawn, internal])


def _internal_department(market):
    from cms.models import Department

    return Department.objects.get_or_create(name="内部处室", slug="internal-office")[0]
