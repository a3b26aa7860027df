"""Demo notices (通知公告); one has expired, some are internal (see INTERNAL_SLUGS)."""

SCJ = "明川市市场监督管理局"
RSJ = "明川市人力资源和社会保障局"
GAJ = "明川市公安局"
GJJ = "明川市住房公积金管理中心"
ZFB = "明川市人民政府办公室"
WJW = "明川市卫生健康委员会"

NOTICES = [
    {"type": "notice", "slug": "2026-yuandan-fangjia", "title": "关于2027年元旦放假期间政务服务中心窗口安排的通知",
     "department": ZFB, "topics": ["政务公开"], "priority": "important",
     "published_at": "2026-11-20T10:00:00+08:00", "expires_at": "2027-01-04T00:00:00+08:00",
     "summary": "元旦期间政务服务中心设值班窗口，网上办事正常受理。",
     "body": "<p>2027年1月1日至3日放假，共3天。放假期间，市政务服务中心设值班窗口，办理营业执照、社保卡等急办事项。</p>"
             "<p>网上办事大厅和“明川办事”APP正常受理申请。</p>"},
    {"type": "notice", "slug": "scj-2026-shuangshiyi-tishi", "title": "关于网络购物消费的提示",
     "department": SCJ, "topics": ["食品安全"], "priority": "normal",
     "published_at": "2026-11-01T09:00:00+08:00",
     "summary": "提醒消费者理性消费，保存好购物凭证。",
     "body": "<p>网络购物请选择正规平台，注意保存订单、聊天记录等凭证。遇到消费纠纷可拨打<strong>12315</strong>投诉。</p>"},
    {"type": "notice", "slug": "scj-2026-suijichouxcha", "title": "2026年第四季度“双随机、一公开”抽查计划的公告",
     "department": SCJ, "topics": ["营商环境"], "priority": "normal",
     "published_at": "2026-10-08T09:00:00+08:00",
     "summary": "公布本季度随机抽查事项、抽查比例和检查时间。",
     "body": "<p>根据年度抽查工作计划，本季度抽查企业公示信息、食品经营许可条件保持情况等事项，抽查比例为3%。</p>"},
    {"type": "notice", "slug": "scj-2026-guoqi-tingban", "title": "关于国庆期间登记注册系统升级暂停服务的公告",
     "department": SCJ, "topics": ["市场准入"], "priority": "urgent",
     "published_at": "2026-09-25T09:00:00+08:00", "expires_at": "2026-10-08T00:00:00+08:00",
     "summary": "10月1日至7日登记注册系统升级，暂停网上申请（已过期的公告，列表不再显示）。",
     "body": "<p>因系统升级，2026年10月1日至7日暂停市场主体登记网上申请，10月8日起恢复。</p>"},
    {"type": "notice", "slug": "rsj-2026-zhaopin-dahui", "title": "2026年冬季大型人才招聘会的通知",
     "department": RSJ, "topics": ["就业创业"], "priority": "important",
     "published_at": "2026-11-10T09:00:00+08:00", "expires_at": "2027-12-20T00:00:00+08:00",
     "summary": "12月12日在明川国际会展中心举办，200余家企业提供岗位5000余个。",
     "body": "<p>招聘会免费入场，求职者请携带个人简历。现场设政策咨询、社保办理服务台。</p>"},
    {"type": "notice", "slug": "rsj-2026-shebao-jishu", "title": "关于公布2026年度社会保险缴费基数上下限的通知",
     "department": RSJ, "topics": ["社会保障"], "priority": "normal",
     "published_at": "2026-07-01T09:00:00+08:00",
     "summary": "2026年度职工社会保险缴费基数下限为4462元，上限为22311元。",
     "body": "<table><thead><tr><th>项目</th><th>下限（元/月）</th><th>上限（元/月）</th></tr></thead>"
             "<tbody><tr><td>基本养老保险</td><td>4462</td><td>22311</td></tr></tbody></table>"},
    {"type": "notice", "slug": "gaj-2026-huzhao-yuyue", "title": "出入境证件办理实行预约服务的公告",
     "department": GAJ, "topics": ["户籍管理"], "priority": "normal",
     "published_at": "2026-06-15T09:00:00+08:00",
     "summary": "自7月1日起，护照、港澳台通行证现场办理实行预约。",
     "body": "<p>申请人可通过“明川公安”公众号预约办理时间，预约后按时到场，无需排队取号。</p>"},
    {"type": "notice", "slug": "gjj-2026-lilv-tiaozheng", "title": "关于调整个人住房公积金贷款利率的通知",
     "department": GJJ, "topics": ["住房保障"], "priority": "important",
     "published_at": "2025-05-08T09:00:00+08:00",
     "summary": "首套个人住房公积金贷款利率5年以上调整为2.85%。",
     "body": "<p>自2025年5月8日起，下调个人住房公积金贷款利率0.25个百分点。</p>"},
    {"type": "notice", "slug": "wjw-2026-liugan-yimiao", "title": "2026-2027年度流感疫苗接种工作的通知",
     "department": WJW, "topics": ["医疗卫生"], "priority": "normal",
     "published_at": "2026-10-12T09:00:00+08:00", "expires_at": "2027-04-30T00:00:00+08:00",
     "summary": "60岁以上老年人免费接种流感疫苗。",
     "body": "<p>接种地点为各社区卫生服务中心，请携带身份证和医保卡。</p>"},
    # internal (restricted to groups by the demo loader)
    {"type": "notice", "slug": "zfb-2026-neibu-huiyi", "title": "关于召开全市政务公开工作推进会的通知（内部）",
     "department": ZFB, "topics": ["政务公开"], "priority": "important",
     "published_at": "2026-11-18T09:00:00+08:00",
     "summary": "请各部门分管负责同志参加，会议地点市民中心A座第一会议室。",
     "body": "<p>会议时间：2026年12月2日9:00。请于11月28日前报送参会人员名单。</p>"},
    {"type": "notice", "slug": "scj-2026-neibu-peixun", "title": "市场监管系统登记注册业务培训安排（内部）",
     "department": SCJ, "topics": ["市场准入"], "priority": "normal",
     "published_at": "2026-11-05T09:00:00+08:00",
     "summary": "局机关及各分局登记窗口人员参加，培训新版登记规范。",
     "body": "<p>培训分两期进行，请各分局合理安排窗口值守。</p>"},
]

# slug → names of the groups that may read it (Wagtail page privacy)
INTERNAL_SLUGS = {
    "zfb-2026-neibu-huiyi": ["全市工作人员"],
    "scj-2026-neibu-peixun": ["市场监督管理局-编辑", "市场监督管理局-审核", "市场监督管理局-签发"],
}
