"""Demo data of 明川市: a few dozen items in every state (some near or past their deadline),
published answers, ratings of service guides with a 差评 follow-up. Idempotent: loads once."""
from __future__ import annotations

import datetime as dt
import itertools
import random

from django.utils import timezone

from config.demo import register_demo_loader

DEMO_MARK = "@demo.mingchuan.example"
DEMO_CODE = "MCDEMO26"   # the query code of every demo item (printed by ./run)

# (kind, department slug, subject, content, answer)
ITEMS = [
    ("consultation", "scjgj", "个体工商户网上注册流程", "请问个体工商户可以全程网上办理注册吗？需要上传哪些材料？",
     "您好！个体工商户设立登记可通过明川市政务服务网全程网办，需上传经营者身份证和经营场所证明，审核通过后可邮寄领取营业执照。"),
    ("complaint", "scjgj", "超市销售过期食品", "我在江滨路某超市购买的酸奶已过保质期三天，要求查处。",
     "您好！经执法人员现场核查，该超市确有销售过期食品行为，已依法立案并责令下架，感谢您的监督。"),
    ("consultation", "scjgj", "营业执照经营范围变更", "公司想增加经营范围，是否需要重新申领营业执照？",
     "您好！变更经营范围需办理变更登记，换发营业执照，可在政务服务网“企业变更登记”事项中在线申请。"),
    ("suggestion", "scjgj", "建议延长市场监管窗口服务时间", "上班族工作日难以办理，建议周六上午开放窗口。",
     "您好！感谢您的建议，我局已在政务服务中心推行周六上午“延时服务”，详见通知公告。"),
    ("help", "scjgj", "网购商品退货难", "网店拒绝七天无理由退货，客服不回复，请帮忙协调。",
     "您好！已联系平台经营者督促处理，商家已同意退货退款，如仍有问题可拨打 12315。"),
    ("consultation", "rsj", "灵活就业人员参保", "灵活就业人员如何参加职工养老保险？缴费基数怎么定？",
     "您好！灵活就业人员可在社保经办窗口或网上办理参保登记，缴费基数在全省公布的上下限之间自行选择。"),
    ("complaint", "rsj", "公司拖欠工资三个月", "我所在的装修公司已经三个月没有发工资了，老板联系不上。",
     "您好！劳动保障监察大队已立案调查，并约谈企业负责人，目前已督促企业支付拖欠工资。"),
    ("consultation", "rsj", "失业保险金申领条件", "主动辞职可以领取失业保险金吗？",
     "您好！根据规定，非本人意愿中断就业的才可申领失业保险金，主动辞职不符合条件。"),
    ("suggestion", "rsj", "建议增加技能培训补贴工种", "希望把直播电商纳入职业技能培训补贴目录。",
     "您好！感谢建议，我局将在下一年度目录调整时研究纳入新业态工种。"),
    ("consultation", "gaj", "居民身份证异地换领", "户籍在外省，能否在明川市换领身份证？",
     "您好！可以。携带原身份证到任一户政窗口即可办理异地换领，无需户籍证明。"),
    ("complaint", "gaj", "小区周边违停严重", "学府路小区门口长期违停，影响消防通道。",
     "您好！交警部门已加强该路段巡查并施划禁停标线，违停车辆将依法处理。"),
    ("help", "gaj", "老人走失求助", "家中老人有认知障碍，想办理防走失手环，请问如何申请？",
     "您好！可到辖区派出所登记，社区将协助免费发放防走失手环。"),
    ("consultation", "gjj", "租房提取公积金额度", "无房职工租房提取住房公积金每月最多可以提取多少？",
     "您好！无房职工租房提取额度为每月1500元，可按季度或按年提取。"),
    ("consultation", "gjj", "异地贷款能否使用明川公积金", "在外地购房能用明川缴存的公积金贷款吗？",
     "您好！可以申请异地贷款，需由购房地公积金中心出具缴存证明并受理。"),
    ("complaint", "gjj", "公积金提取到账慢", "提取申请已经十个工作日还没到账。",
     "您好！经核查系银行账户信息有误导致退票，已联系您更正并重新发放。"),
    ("consultation", "wjw", "出生医学证明补办", "出生医学证明丢失了，如何补发？",
     "您好！可到原签发医院申请补发，需提供父母身份证和户口簿。"),
    ("suggestion", "wjw", "建议社区医院增加夜间门诊", "孩子晚上发烧只能去大医院排队，建议社区医院开设夜间门诊。",
     "您好！感谢建议，明年起将在三家社区卫生服务中心试点夜间门诊。"),
    ("help", "wjw", "慢性病长处方", "高血压老人每月跑医院开药不方便，能否开长处方？",
     "您好！符合条件的慢性病患者可在签约家庭医生处开具最长12周的长处方。"),
    ("consultation", "", "老旧小区加装电梯补贴", "不知道找哪个部门：老旧小区加装电梯有没有补贴？",
     "您好！已转住建部门办理，加装电梯每台补贴20万元，详见相关政策文件。"),
    ("complaint", "", "夜间施工噪音扰民", "不清楚归哪个部门管：工地每晚施工到凌晨。",
     "您好！已交由相关部门查处，工地已停止夜间施工。"),
]
NAMES = ["张明", "李红", "王强", "赵丽", "陈刚", "刘洋", "杨帆", "黄敏", "周杰", "吴芳", "徐磊", "孙婷"]
# the state each item ends in, cycling (every state appears several times)
STATES = ["new", "assigned", "in_progress", "awaiting_info", "awaiting_signoff", "answered", "closed"]
# how many days ago the items were submitted: some recent, some past their limits (overdue)
AGES = [0, 1, 2, 4, 6, 9, 13, 18, 25]


def _handler_for(department):
    from interaction.access import members_of

    return members_of(department).order_by("username").first() if department else None


def _signer_for(department):
    from interaction.access import signers_of

    return signers_of(department).order_by("username").first() if department else None


def load_items(count: int = 42) -> int:
    from cms.models import Department
    from interaction import events
    from interaction.access import dispatch_department
    from interaction.deadlines import deadline_for, time_limit_days
    from interaction.models import Interaction
    from interaction.status import Satisfaction, Status
    from interaction.tracking import hash_code

    rng = random.Random(2026)
    departments = {d.slug: d for d in Department.objects.all()}
    now = timezone.now()
    created = 0
    for n, ((kind, slug, subject, content, answer), state, age) in enumerate(
            zip(itertools.cycle(ITEMS), itertools.cycle(STATES), itertools.cycle(AGES))):
        if n >= count:
            break
        department = departments.get(slug) or dispatch_department()
        submitted = now - dt.timedelta(days=age, hours=rng.randint(1, 8))
        days = time_limit_days(kind, department)
        name = NAMES[n % len(NAMES)]
        number = f"{timezone.localtime(submitted):%Y%m%d}{9000 + n:04d}{rng.randint(0, 999):03d}"
        item = Interaction.objects.create(
            kind=kind, department=department, subject=subject, content=content, name=name,
            phone=f"139{rng.randint(10_000_000, 99_999_999)}", email=f"citizen{n}{DEMO_MARK}",
            publish_consent=n % 3 != 2, privacy_consent=True, tracking_number=number,
            query_code_hash=hash_code(number, DEMO_CODE), time_limit_days=days,
            deadline=deadline_for(submitted, days), submitted_at=submitted, status=Status.NEW)
        events.record(item, "submitted")
        handler, signer = _handler_for(department), _signer_for(department)
        order = STATES.index(state)
        if order >= 1:
            item.assignee = handler
            events.record(item, "assigned", user=handler, data={"assignee": handler.get_username() if handler else ""})
        if state == "awaiting_info":
            item.info_request = "请补充相关凭证的照片或编号。"
            events.record(item, "info_requested", user=handler, data={"request": item.info_request})
        if order >= 2 and state != "awaiting_info":
            item.answer_draft = answer
            events.record(item, "drafted", user=handler)
        if order >= 4:
            events.record(item, "submitted_for_signoff", user=handler)
        if order >= 5:
            item.answer, item.answered_by = answer, signer
            item.answered_at = min(now, submitted + dt.timedelta(days=max(1, age // 2)))
            item.is_published = item.publish_consent
            events.record(item, "answered", user=signer, data={"published": item.is_published})
        if state == "closed":
            item.satisfaction = [Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED][n % 3]
            item.rated_at = item.closed_at = item.answered_at
            events.record(item, "rated", data={"satisfaction": item.satisfaction})
        item.status = state
        item.save()
        created += 1
    return created


def load_ratings() -> int:
    """Ratings of the demo service guides from a handful of "visitors", one 差评 with a follow-up."""
    from cms.models import ServiceGuidePage
    from interaction.models import ServiceRating
    from interaction.ratings import open_follow_up

    guides = list(ServiceGuidePage.objects.live().order_by("id")[:8])
    rng = random.Random(7)
    created = 0
    for g, guide in enumerate(guides):
        for visitor in range(3 + g % 3):
            grade = rng.choice([5, 5, 4, 4, 3]) if (g, visitor) != (1, 0) else 1
            rating = ServiceRating.objects.create(
                page=guide, department_id=guide.department_id, grade=grade,
                reasons=["slow", "unclear_materials"] if grade <= 2 else (["clear_guide"] if grade >= 4 else []),
                comment="窗口说的材料和指南不一致，跑了两趟。" if grade <= 2 else "",
                contact_phone="13900000000" if grade <= 2 else "",
                visitor_key=f"demo-{g}-{visitor}", day=timezone.localdate() - dt.timedelta(days=visitor))
            if rating.is_bad:
                open_follow_up(rating, guide)
            created += 1
    return created


@register_demo_loader(order=70)  # after the CMS's departments, groups and guides (10) and SSO (60)
def load_interaction_demo():
    from interaction.models import Interaction

    lines = []
    if not Interaction.objects.filter(email__endswith=DEMO_MARK).exists():
        items = load_items()
        ratings = load_ratings()
        lines.append(f"互动交流演示数据 / interaction demo: {items} 件事项, {ratings} 条服务评价")
    sample = Interaction.objects.filter(email__endswith=DEMO_MARK, status="closed").order_by("id").first()
    if sample:
        lines.append(f"  查询办理进度 / track an item: /interaction/track/ 受理编号 {sample.tracking_number} 查询码 {DEMO_CODE}")
    return lines
