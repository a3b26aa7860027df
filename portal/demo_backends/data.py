"""Per-user demo data, deterministic for a user so that the home page looks the same on reload."""
from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))

SUBJECTS = ["关于2026年度预算调整的请示", "办公设备采购申请", "出差审批：赴省厅汇报", "公文会签：营商环境实施方案",
            "请假申请", "会议室借用申请", "信息公开申请答复审核", "车辆使用申请", "培训经费报销", "用印申请"]
PEOPLE = ["王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰"]
COMPLAINTS = ["预付卡商家跑路", "网购商品质量问题", "餐饮店卫生投诉", "虚假宣传", "电梯维保不到位", "价格欺诈", "快递丢件"]
CASES = ["无证经营案", "食品安全案", "商标侵权案", "广告违法案", "计量违法案"]
MEETINGS = ["局务会", "专题协调会", "党组理论学习中心组学习", "12345热线工作调度会", "安全生产例会", "项目评审会"]
ROOMS = ["一号会议室", "三楼小会议室", "视频会议室", "市政府常务会议室"]


def rng(username: str, system: str) -> random.Random:
    return random.Random(zlib.crc32(f"{system}:{username}".encode()))


def now() -> datetime:
    return datetime.now(CST).replace(second=0, microsecond=0)


def oa_todos(claims: dict, base: str) -> dict:
    r = rng(claims["preferred_username"], "oa")
    approver = any("审批" in role or "领导" in role for role in claims.get("roles", []))
    total = r.randint(3, 12) if approver else r.randint(0, 3)
    items = [{"id": 1000 + i, "subject": r.choice(SUBJECTS), "applicant": r.choice(PEOPLE),
              "submitted": (now() - timedelta(hours=r.randint(1, 96))).isoformat(), "link": f"{base}/oa/todo/{1000 + i}"}
             for i in range(total)]
    return {"total": total, "items": items, "home": f"{base}/oa/"}


def oa_messages(claims: dict, base: str) -> dict:
    r = rng(claims["preferred_username"], "msg")
    messages = [{"title": f"{r.choice(['系统通知', '待阅文件', '会议提醒', '督办提醒'])}：{r.choice(SUBJECTS)}",
                 "from": r.choice(PEOPLE), "time": (now() - timedelta(minutes=r.randint(5, 3000))).isoformat(),
                 "read": r.random() < 0.4, "url": f"{base}/oa/message/{i}"} for i in range(r.randint(2, 8))]
    return {"unread": sum(not m["read"] for m in messages), "messages": messages}


def oa_feed(claims: dict, base: str) -> str:
    items = "".join(
        f"<item><title>机关通知 第{i}号：{SUBJECTS[i % len(SUBJECTS)]}</title><link>{base}/oa/notice/{i}</link>"
        f"<pubDate>{(now() - timedelta(days=i)).strftime('%a, %d %b %Y %H:%M:%S +0800')}</pubDate>"
        f"<description>&lt;p&gt;请各处室知悉。&lt;/p&gt;</description></item>" for i in range(1, 8))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>机关内部通知</title>'
            f"<link>{base}/oa/</link>{items}</channel></rss>")


def complaints(claims: dict, base: str) -> dict:
    r = rng(claims["preferred_username"], "12315")
    rows = [{"no": f"TS{now():%Y%m%d}{r.randint(1000, 9999)}", "title": r.choice(COMPLAINTS),
             "deadline": (now() + timedelta(days=r.randint(1, 7))).date().isoformat(), "url": f"{base}/12315/complaint/{i}"}
            for i in range(r.randint(1, 9))]
    return {"data": {"pending": len(rows), "list": rows}}


def complaint_stats(claims: dict, base: str) -> dict:
    r = rng(claims.get("department") or claims["preferred_username"], "12315-stats")
    days = [now().date() - timedelta(days=d) for d in range(6, -1, -1)]
    daily = [{"day": day.strftime("%m-%d"), "count": r.randint(5, 60)} for day in days]
    return {"title": "近7日投诉举报受理量", "total": sum(d["count"] for d in daily), "daily": daily}


def cases(claims: dict, base: str) -> dict:
    r = rng(claims["preferred_username"], "cases")
    rows = [{"case_no": f"（{now():%Y}）明市监案字第{r.randint(100, 999)}号", "name": r.choice(CASES),
             "stage": r.choice(["立案", "调查取证", "审核", "告知", "决定"]), "url": f"{base}/cases/case/{i}"}
            for i in range(r.randint(0, 6))]
    return {"count": len(rows), "cases": rows}


def meetings(claims: dict, base: str) -> dict:
    r = rng(claims["preferred_username"], "meetings")
    rows = []
    for i in range(r.randint(1, 5)):
        start = (now() + timedelta(days=r.randint(0, 6))).replace(hour=r.choice([9, 10, 14, 15, 16]), minute=r.choice([0, 30]))
        rows.append({"topic": r.choice(MEETINGS), "start": start.isoformat(),
                     "end": (start + timedelta(hours=1)).isoformat(), "room": r.choice(ROOMS), "url": f"{base}/meetings/{i}"})
    return {"meetings": rows}
