"""Build the 青岚市 judged set from ``catalogue.py``: ≥ 300 documents and ≥ 200 graded queries,
split by *service* into a development part (60 %) and a held-out part (40 %) with a fixed seed,
so held-out queries are about services the tuning never saw.

    .venv/bin/python -m tests.search.qinglan.generate     # rewrites the JSON files beside it
    .venv/bin/python -m tests.search.qinglan.generate --seed 7 --city 碧川市 --out /tmp/bichuan

The second form writes a *variant* elsewhere: another seed picks other title patterns, question
forms, typos and brackets, and ``--city`` renames the city (and its one-character abbreviation
in 文号 and app names). The split by service stays the one of the committed set (``SPLIT_SEED``),
so a variant's development part is about the same services as ours and its held-out part stays
unseen. ``bench/search_relevance.py --set-dir`` evaluates a variant.

Writing is varied on purpose (several title patterns, question forms, bracket styles, typos by
real homophones, traditional characters by OpenCC) so that no single template can be fitted.
Grades: 3 the item asked for, 2 a near-duplicate of it, 1 related (its policy, a notice about
it, related services), 0 anything else."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from tests.search.qinglan.catalogue import (CITY, CITY_APP, DEPARTMENTS, DISTRICTS, FAQ_ONLY, FILLER_SUBJECTS,
                                            MINI_PROGRAM, NO_ANSWER, SERVICES)

HERE = Path(__file__).resolve().parent
SEED = 20261202
SPLIT_SEED = SEED + 1
DEV_SHARE = 0.6

HOMOPHONES = dict(pair.split(":") for pair in (
    "公:工 积:机 证:正 执:职 照:找 办:半 理:里 保:宝 险:显 户:护 籍:集 医:依 登:灯 记:纪 驾:架 婚:昏 补:不 "
    "领:令 社:设 贷:代 税:睡 营:赢 业:页 疫:易 苗:描 残:蚕 疾:急 退:推 休:修 金:今 租:足 房:防 转:专 离:里 "
    "结:节 低:底 养:样 老:劳 失:师 健:建 康:抗 违:为 章:张 年:念 检:简 许:须 食:实 品:拼 发:法 票:漂 契:气 "
    "学:雪 口:扣 迁:千 落:洛 牌:排 狗:够 律:绿 援:元 助:住 投:头 诉:速 港:岗 澳:奥 通:同 签:千 注:住 生:声 "
    "育:玉 津:今 贴:铁 慢:满 病:并 异:易 地:第 就:旧 备:被 案:按 参:餐 护:户 卡:咖 车:撤 款:宽 报:抱 销:消 "
    "开:凯 店:电 审:婶 核:和 居:局 住:注 费:废 待:代 遇:预 领:岭 换:患 过:国 期:其 犬:劝 凭:平").split())

TOPICS_BY_DEPARTMENT = {"scjg": "企业开办", "rs": "社会保障", "yb": "医疗保障", "gjj": "住房保障", "ga": "户籍证件",
                        "jj": "交通出行", "mz": "婚姻民政", "wj": "卫生健康", "zrzy": "不动产", "zj": "住房保障",
                        "sw": "税务", "jy": "教育", "sf": "法律服务", "tyjr": "退役军人", "cl": "社会救助",
                        "zwfw": "政务公开", "cg": "城市管理", "zf": "政务公开"}

GUIDE_TITLES = ["{city}{name}办事指南", "{name}（{city}）", "{city}{name}服务指南", "关于{name}的办事指南",
                "{dept}{name}事项办事指南"]
QUESTIONS = ["{a}怎么办", "{a}怎么办理", "{a}需要什么材料", "{a}要带哪些材料", "{a}要去哪里办", "{a}在哪里办理",
             "请问{a}的流程是什么", "如何办理{a}", "{a}需要多长时间", "{a}可以网上办吗", "想问一下{a}怎么弄",
             "{a}的条件是什么", "我要{a}", "办{a}要什么手续"]
BRACKETS = [("〔", "〕"), ("[", "]"), ("（", "）"), ("(", ")"), ("【", "】"), ("", " "), ("", "")]
NOTICE_TITLES = ["关于{name}业务系统升级期间暂停受理的公告", "关于调整{name}办理地点的通告",
                 "{year}年{name}工作情况通报", "关于进一步做好{name}工作的通知"]
KINDS = ["keyword", "title", "doc_number", "question", "everyday", "typo", "long", "spaces", "brand", "traditional"]


def when(rng: random.Random, first: int, last: int) -> str:
    start = datetime(first, 1, 1, 9, 0)
    return (start + timedelta(days=rng.randrange((last - first + 1) * 365))).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def doc(key, type_, title, department, published_at, **fields) -> dict:
    return {"key": key, "type": type_, "slug": key.split(":", 1)[1].replace(":", "-"), "title": title,
            "url": f"https://www.qinglan.gov.example/{key.split(':', 1)[1].replace(':', '/')}/",
            "department": department, "published_at": published_at, **fields}


def guide_text(rng, name, dept_name, material, faq, online, place):
    steps = rng.choice(["申请人提交材料，窗口受理审核，符合条件的当场办结。",
                        "网上申报或窗口申请—受理—审核—决定—送达。",
                        "申请人可预约后到窗口办理，材料齐全的即时受理，审核通过后出具结果。"])
    body = (f"一、事项名称：{name}。二、实施主体：{dept_name}。三、受理条件：符合法律法规规定条件的申请人。"
            f"四、办理流程：{steps}五、办理地点：{place}。六、办理时限：{rng.choice([1, 3, 5, 7, 10, 15, 20])}个工作日。"
            f"七、收费标准：{rng.choice(['不收费', '免费办理', '按规定标准收费'])}。"
            f"咨询电话：{rng.choice(['12345', '0571-8' + str(rng.randrange(1000000, 9999999))])}。")
    if online:
        body += rng.choice([f"可通过“{CITY_APP}”APP或“{MINI_PROGRAM}”微信小程序在线办理。",
                            f"本事项已实现全程网办，登录“{CITY_APP}”搜索事项名称即可申请。"])
    materials = f"1.居民身份证原件；2.{material}；3.{rng.choice(['申请表', '授权委托书（委托办理的）', '其他相关证明材料'])}。"
    return body, materials, f"问：{faq[0]} 答：{faq[1]}"


def build(rng: random.Random):
    docs: list[dict] = []
    roles: dict[str, dict[str, str]] = {}  # service id -> role -> key
    for sid, dept, name, aliases, material, faq, policy, repealed, online, related, story in SERVICES:
        dept_name, abbr = DEPARTMENTS[dept]
        topic = TOPICS_BY_DEPARTMENT[dept]
        place = rng.choice([f"{CITY}市民中心{rng.randrange(1, 4)}楼综合窗口", f"各区政务服务中心{dept_name[3:]}窗口",
                            f"{CITY}政务服务中心{rng.randrange(1, 40)}号窗口"])
        body, materials, faqs = guide_text(rng, name, dept_name, material, faq, online, place)
        title = rng.choice(GUIDE_TITLES).format(city=CITY, name=name, dept=dept_name)
        roles[sid] = {"guide": f"ql:guide:{sid}"}
        docs.append(doc(f"ql:guide:{sid}", "service_guide", title, dept_name, when(rng, 2021, 2025),
                        summary=f"{name}的办理条件、申请材料、办理流程和办理地点。", body=body, materials=materials,
                        faqs=faqs, topics=[topic], audience=["个人"], legal_basis=f"《{CITY}{policy}》" if policy else ""))
        if rng.random() < 0.35:  # the same service published again by a district
            district = rng.choice(DISTRICTS)
            district_dept = f"{CITY}{district}{dept_name[3:]}"
            dup_body, dup_materials, _ = guide_text(rng, name, district_dept, material, faq, online,
                                                    f"{district}政务服务中心")
            roles[sid]["duplicate"] = f"ql:guide:{sid}:{district}"
            docs.append(doc(roles[sid]["duplicate"], "service_guide", f"{CITY}{district}{name}办事指南", district_dept,
                            when(rng, 2022, 2025), summary=f"{district}{name}办事指南。", body=dup_body,
                            materials=dup_materials, faqs=faqs, topics=[topic]))
        if policy:
            year = rng.randrange(2022, 2026)
            number = f"{abbr}规〔{year}〕{rng.randrange(1, 30)}号"
            roles[sid]["policy"] = f"ql:policy:{sid}"
            docs.append(doc(roles[sid]["policy"], "policy", f"{dept_name}关于印发《{CITY}{policy}》的通知", dept_name,
                            when(rng, year, year), doc_number=number, summary=f"印发{CITY}{policy}，自印发之日起施行。",
                            body=(f"各区人民政府，市各有关单位：现将《{CITY}{policy}》印发给你们，请认真贯彻执行。"
                                  f"第一条 为规范{name}工作，根据有关法律法规，结合本市实际，制定本办法。"
                                  f"第二条 本办法适用于本市行政区域内的{name}及其监督管理。"),
                            topics=[topic], validity="valid"))
            if repealed:
                old_year = year - rng.randrange(3, 7)
                roles[sid]["repealed"] = f"ql:policy:{sid}:old"
                docs.append(doc(roles[sid]["repealed"], "policy",
                                f"{dept_name}关于印发《{CITY}{policy}（试行）》的通知", dept_name, when(rng, old_year, old_year),
                                doc_number=f"{abbr}规〔{old_year}〕{rng.randrange(1, 30)}号",
                                summary=f"本文件已于{year}年废止。", topics=[topic], validity="invalid",
                                body=f"现将《{CITY}{policy}（试行）》印发给你们。本办法适用于本市{name}工作。"))
        if rng.random() < 0.5:
            roles[sid]["notice"] = f"ql:notice:{sid}"
            year = rng.randrange(2023, 2026)
            docs.append(doc(roles[sid]["notice"], "notice", rng.choice(NOTICE_TITLES).format(name=name, year=year),
                            dept_name, when(rng, year, year), summary=f"关于{name}的公告。",
                            body=f"为提升服务质量，{dept_name}对{name}相关工作作出调整。期间群众可通过“{CITY_APP}”查询进度。",
                            topics=[topic]))
    docs.append(doc("ql:notice:app", "notice", f"关于“{CITY_APP}”政务服务APP全新版本上线运行的公告",
                    "青岚市政务服务数据管理局", "2025-03-01T09:00:00+08:00",
                    summary=f"“{CITY_APP}”APP新版上线，汇聚高频政务服务事项。",
                    body=f"市民可在各大应用商店搜索“{CITY_APP}”下载安装，实名认证后即可办理社保、公积金、户籍等事项。"))
    docs.append(doc("ql:notice:miniprogram", "notice", f"“{MINI_PROGRAM}”微信小程序使用指南", "青岚市政务服务数据管理局",
                    "2024-08-01T09:00:00+08:00", summary=f"“{MINI_PROGRAM}”小程序的登录、办事和进度查询说明。",
                    body=f"在微信中搜索“{MINI_PROGRAM}”即可使用，支持电子证照亮证、办件进度查询。"))
    names = [s[2] for s in SERVICES]
    for i, subject in enumerate(FILLER_SUBJECTS):
        for j in range(6):
            year = 2021 + (i + j) % 5
            district = DISTRICTS[(i + j) % len(DISTRICTS)]
            title = [f"{CITY}人民政府办公室关于{subject}的通知", f"{district}{subject}情况通报（{year}年第{j + 1}期）",
                     f"关于{year}年{subject}的公告", f"{CITY}{subject}工作动态", f"{district}关于{subject}的通知",
                     f"{year}年{CITY}{subject}实施方案"][j]
            body = f"{subject}相关工作已按计划推进。各有关单位要提高认识，压实责任，确保各项任务落到实处。"
            if rng.random() < 0.25:  # a passing mention of a service: realistic noise
                body += f"会议强调，要持续提升{rng.choice(names)}等高频事项办理效率。"
            docs.append(doc(f"ql:filler:{i}:{j}", "notice" if j % 3 else "policy", title, "青岚市人民政府办公室",
                            when(rng, year, year), summary=f"{subject}。", body=body, topics=["政务公开"],
                            doc_number=f"岚政办发〔{year}〕{10 + i * 6 + j}号" if j % 3 == 0 else ""))
    return docs, roles


def typo(rng: random.Random, text: str) -> str | None:
    from pypinyin import lazy_pinyin

    spots = [i for i, ch in enumerate(text) if ch in HOMOPHONES and lazy_pinyin(ch) == lazy_pinyin(HOMOPHONES[ch])]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + HOMOPHONES[text[i]] + text[i + 1:]


def bracketed(number: str, rng: random.Random) -> str:
    left, right = rng.choice(BRACKETS)
    return number.replace("〔", left).replace("〕", right)


def topic_judgments(sid: str, roles: dict, related: list[str]) -> dict[str, int]:
    own = roles[sid]
    judged = {own["guide"]: 3}
    for role, grade in (("duplicate", 2), ("policy", 1), ("notice", 1)):
        if role in own:
            judged[own[role]] = grade
    for other in related:
        judged.setdefault(roles[other]["guide"], 1)
    return judged


def candidates(rng, service, roles, docs_by_key) -> dict[str, tuple[str, dict]]:
    """Every kind of query this service can give: kind -> (query, judgments)."""
    from opencc import OpenCC

    sid, dept, name, aliases, material, faq, policy, repealed, online, related, story = service
    judged = topic_judgments(sid, roles, related)
    alias = rng.choice(aliases)
    out = {
        "keyword": (rng.choice([name, aliases[0]]) if len(name) <= 6 else aliases[0], judged),
        "question": (rng.choice(QUESTIONS).format(a=rng.choice([name, *aliases])), judged),
        "everyday": (rng.choice(aliases[1:] or aliases), judged),
        "long": (story, judged),
        "traditional": (OpenCC("s2t.json").convert(rng.choice([alias, rng.choice(QUESTIONS).format(a=alias)])), judged),
    }
    wrong = typo(rng, rng.choice([name, alias])) or typo(rng, name)
    if wrong:
        out["typo"] = (wrong, judged)
    import jieba

    words = [w for w in jieba.cut(name) if len(w) >= 2]
    if len(words) >= 2:
        out["spaces"] = (" ".join(words), judged)
    else:
        out["spaces"] = (f"{alias} {rng.choice(['材料', '流程', '地点', '条件'])}", judged)
    if online:
        out["brand"] = (rng.choice([f"{CITY_APP} {alias}", f"{MINI_PROGRAM}{alias}", f"{alias} {CITY_APP}怎么办"]), judged)
    if sid == "jtwf":
        out["brand"] = ("交管12123处理违章", judged)
    if sid == "gs-hs":
        out["brand"] = ("个人所得税app退税", judged)
    if "policy" in roles[sid] and rng.random() < 0.5:
        policy_key = roles[sid]["policy"]
        title = f"{CITY}{policy}" if rng.random() < 0.5 else docs_by_key[policy_key]["title"]
        policy_judged = {policy_key: 3, roles[sid]["guide"]: 1}
        if "repealed" in roles[sid]:
            policy_judged[roles[sid]["repealed"]] = 1
        out["title"] = (title, policy_judged)
    else:
        guide = docs_by_key[roles[sid]["guide"]]
        out["title"] = (guide["title"], {k: v for k, v in judged.items() if v >= 2} | (
            {roles[sid]["policy"]: 1} if "policy" in roles[sid] else {}))
    if "policy" in roles[sid]:
        which = "repealed" if "repealed" in roles[sid] and rng.random() < 0.3 else "policy"
        key = roles[sid][which]
        out["doc_number"] = (bracketed(docs_by_key[key]["doc_number"], rng), {key: 3})
    return out


def build_queries(rng: random.Random, roles: dict, docs_by_key: dict) -> list[dict]:
    used = {kind: 0 for kind in KINDS}
    queries = []
    for service in SERVICES:
        options = candidates(rng, service, roles, docs_by_key)
        kinds = sorted(options, key=lambda kind: (used[kind], rng.random()))[:4]
        for kind in kinds:
            used[kind] += 1
            q, judged = options[kind]
            queries.append({"q": q, "kind": kind, "service": service[0], "judged": judged})
    for term, sid in FAQ_ONLY:
        judged = {roles[sid]["guide"]: 3}
        if "duplicate" in roles[sid]:
            judged[roles[sid]["duplicate"]] = 2
        queries.append({"q": term, "kind": "body_only", "service": sid, "judged": judged})
    for q, key in ((f"{CITY_APP}app下载", "ql:notice:app"), (f"{MINI_PROGRAM}小程序", "ql:notice:miniprogram")):
        queries.append({"q": q, "kind": "brand", "service": "", "judged": {key: 3}})
    for q in NO_ANSWER:
        queries.append({"q": q, "kind": "no_answer", "service": "", "judged": {}})
    return queries


def split(queries: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    """By service (held-out queries are about services the tuning never saw); the queries that
    name no service (apps, no-answer) are split one by one with the same share."""
    services = sorted({s[0] for s in SERVICES})
    rng.shuffle(services)
    dev_services = set(services[:round(len(services) * DEV_SHARE)])
    dev, held = [], []
    for query in queries:
        in_dev = query["service"] in dev_services if query["service"] else rng.random() < DEV_SHARE
        (dev if in_dev else held).append(query)
    return dev, held


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--city", default=CITY, help="a city name ending in 市, e.g. 碧川市")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    docs, roles = build(rng)
    docs_by_key = {d["key"]: d for d in docs}
    queries = build_queries(rng, roles, docs_by_key)
    dev, held = split(queries, random.Random(SPLIT_SEED))
    args.out.mkdir(parents=True, exist_ok=True)

    def write(name, data):
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if args.city != CITY:  # 青岚 → 碧川, then the abbreviation 岚 → 川 (岚人社规, 岚e办)
            text = text.replace(CITY[:-1], args.city[:-1]).replace(CITY[-2], args.city[-2])
        (args.out / name).write_text(text)

    write("corpus.json", docs)
    write("dev_queries.json", dev)
    write("heldout_queries.json", held)
    kinds = {}
    for q in queries:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    print(f"{len(docs)} documents, {len(queries)} queries ({len(dev)} dev, {len(held)} held-out); kinds {kinds}")


if __name__ == "__main__":
    main()
