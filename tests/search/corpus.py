"""A small judged corpus of search documents for API tests (engine-agnostic: no CMS needed)."""
from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from search.documents import AUTHENTICATED, PUBLIC, SearchDocument, group_token


def at(year: int, month: int = 1, day: int = 1) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 9, 0))


def doc(key: str, type_: str, title: str, **fields) -> SearchDocument:
    fields.setdefault("published_at", at(2024, 5, 1))
    fields.setdefault("department", "市市场监督管理局")
    return SearchDocument(key=key, type=type_, slug=key.replace(":", "-"), title=title,
                          url=f"https://gov.example/{key.replace(':', '/')}/", **fields)


def corpus() -> list[SearchDocument]:
    return [
        doc("t:1", "service_guide", "营业执照遗失补领", summary="企业营业执照遗失后申请补领。",
            body="申请人登报声明作废后，可到政务服务中心申请补领营业执照。",
            materials="补领申请书 营业执照遗失声明", topics=["企业开办"], audience=["法人"]),
        doc("t:2", "service_guide", "个体工商户营业执照办理", summary="个体工商户设立登记，领取营业执照。",
            body="经营者持身份证件办理个体工商户设立登记。", topics=["企业开办"],
            faqs="问：个体工商户可以网上办理吗？答：可以。", published_at=at(2023, 3, 1)),
        doc("t:3", "service_guide", "农民专业合作社设立", summary="合作社登记。",
            body="本事项适用于个体工商户以外的农民专业合作社。", topics=["农业"], department="市农业农村局",
            published_at=at(2022, 6, 1)),
        doc("t:4", "policy", "关于优化市场主体登记的通知", doc_number="穗工商〔2024〕12号",
            summary="进一步优化市场主体登记流程。", body="各区市场监督管理局：为优化营商环境……",
            topics=["营商环境"]),
        doc("t:5", "policy", "关于市场主体登记的旧规定（已废止）", doc_number="穗工商〔2019〕3号",
            summary="市场主体登记办法。", body="市场主体登记办法全文。", validity="invalid",
            published_at=at(2019, 2, 1)),
        doc("t:6", "notice", "停水通知", summary="因管网维修停水。", body="停水期间请做好储水准备。",
            department="市水务局", expires_at=timezone.now() - timedelta(days=1)),
        doc("t:7", "notice", "政务服务中心国庆假期安排", summary="国庆期间窗口安排。", body="营业执照业务暂停办理。",
            department="市政务服务数据管理局", expires_at=timezone.now() + timedelta(days=30)),
        doc("t:8", "policy", "财政内部预算编制口径", summary="仅供财政人员。", body="内部预算机密口径 营业执照收费",
            department="市财政局", access=[group_token("财政科员")], topics=["内部机密"]),
        doc("t:9", "notice", "全体干部学习安排", summary="登录可见。", body="机关干部学习通知。",
            department="市委办公室", access=[AUTHENTICATED]),
        doc("t:10", "notice", "密码保护的通知", summary="不可搜索。", body="营业执照 密码保护",
            access=[]),
        doc("t:11", "service_guide", "社会保险登记", summary="单位和个人参加社会保险登记。",
            body="用人单位为职工办理社会保险登记。", department="市人力资源和社会保障局", access=[PUBLIC]),
    ]
