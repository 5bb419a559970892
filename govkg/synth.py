"""A deterministic generator of realistic notices, for benchmarks and fault tests.

Notices follow the seed layouts: leader sections with 责任单位 lines and a
"列第一位者" rule (Huzhou style), per-task 牵头市领导 lines (Quzhou style),
key-work lists with numbered measures and 6月底前/9月底前/12月底前 schedules
(Huzhou 2017 style), and livelihood parts. Unit names and their variants come
from the alias tables; targets use the seeds' phrasings. Regions and years
repeat so that SUPERSEDES and cross-region queries have work to do.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from loaders.patterns import regions
from loaders.resolve import alias_rows, localize

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌宁波海峰亮辉鹏飞宏凯智坚定晓良春俊锦标顺大利水"
THEMES = [
    ("数字经济", "核心产业增加值"),
    ("先进制造业", "规上工业增加值"),
    ("现代服务业", "服务业增加值"),
    ("乡村振兴", "农村居民人均可支配收入"),
    ("生态环境", "空气质量优良率"),
    ("科技创新", "研发投入强度"),
    ("招商引资", "实际使用外资"),
    ("城市更新", "老旧小区改造"),
    ("交通基础设施", "综合交通投资"),
    ("教育事业", "新增学位"),
    ("医疗卫生", "新增托位"),
    ("养老服务", "居家养老服务中心"),
    ("营商环境", "市场主体"),
    ("人才引育", "新引进大学生"),
    ("开放型经济", "进出口总额"),
]
VERBS = ["深入实施", "加快推进", "全面深化", "持续推进", "大力实施", "扎实推进", "统筹推进", "积极推动"]
HEADLINE = [
    "地区生产总值增长{g}%左右,固定资产投资增长{f}%以上。",
    "城乡居民人均可支配收入分别增长{u}%和{r}%左右。",
    "财政总收入和一般公共预算收入增长与经济增长基本同步。",
    "社会消费品零售总额增长{s}%。",
    "城镇新增就业{j}万人,城镇登记失业率控制在{q}%以内。",
]
TARGET_SHARE = 0.35  # share of ordinary tasks that state targets, as in the seeds
# Ordinary tasks are projects with names of their own (南湖科创园, 西山快速路). A notice lists a
# window of its region's projects, and the window moves on by 70% of its length each year, so
# about 30% of a year's tasks continue the previous year's and few reach further back, as in
# real notices (10 of Huzhou 2022's 146 tasks continue 2017). Tasks built from a few shared
# phrases would instead all resemble each other, and every task would continue every earlier one.
CARRY_OVER = 0.3
NAME_CHARS = "东南西北新城湖山江河阳明华兴安康丰泰和云峰岭湾港桥溪翠竹梅兰荷龙凤鹤金玉锦绣星月春秋"
PROJECT_KINDS = [
    "科创园", "产业园", "快速路", "城市综合体", "示范区", "未来社区", "产业带", "创新港",
    "物流园", "湿地公园", "智造谷", "文化中心", "高铁新城", "数字港", "康养小镇", "水利枢纽",
]  # fmt: skip
# Policy words the prose of a project is drawn from: real tasks share a register but few exact
# phrases, so two unrelated tasks have little text in common.
WORDS = (
    "体系 机制 平台 载体 要素 资源 服务 供给 监管 治理 改革 创新 融合 协同 联动 集成 转型 升级 提质 增效 "
    "扩面 优化 完善 健全 深化 拓展 培育 壮大 引育 招引 落地 达产 攻坚 突破 提升 打造 构建 建立 推广 示范 "
    "试点 品牌 标准 规范 智慧 数字 绿色 低碳 共享 开放 安全 韧性 宜居 便民 惠企 普惠 均衡 优质 高效 精准 "
    "闭环 链条 集群 生态 园区 街区 社区 乡村 城镇 片区 通道 枢纽 节点 网络 设施 场景 应用 数据 算力 人才 "
    "资本 金融 产业 企业 工程 设备 技术 成果 专利 品质 文化 旅游 康养 教育 医疗 养老 托育 就业 社保 住房 "
    "交通 水利 能源 环境 湿地 森林 河湖 土壤 空气 物流 会展 电商 农业 渔业 林业 茶叶 竹木 文创 体育 夜经济"
).split()
STAGES = ["前期工作", "主体工程", "招商运营", "配套设施", "验收投用", "政策兑现"]
FIRST_YEAR = 2015


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    short: str


def places() -> list[Place]:
    """Zhejiang's cities and counties from data/regions.csv (provinces left out), named by their
    label in the national table where the name alone is ambiguous (杭州市西湖区, 宁波市江北区)."""
    from loaders.regions import by_name

    out = []
    for r in regions().values():
        if r.level == "province":
            continue
        here = [d for d in by_name(r.name) if d.path.startswith("浙江省") and d.name == r.name]
        out.append(Place(here[0].label if here else r.name, r.level, r.short))
    return out


def national_places() -> list[Place]:
    """Every prefecture- and county-level division of China (data/regions/china.csv), named by
    its label (南京市鼓楼区 where 鼓楼区 alone is ambiguous), in a fixed order spread across the
    provinces, so that a corpus of any size draws from all of them."""
    from loaders.regions import divisions

    out = [
        Place(d.label, d.naming_level, d.short)
        for d in divisions().values()
        if d.level != "province" and d.naming_level in ("city", "county", "district")
    ]
    return sorted(out, key=lambda p: zlib.crc32(p.name.encode()))


def unit_pool(level: str) -> list[list[str]]:
    """For each function, the written forms a notice of this level may use (canonical first)."""
    lvl = "county" if level in ("county", "district") else "city"
    pool: list[list[str]] = []
    for row in alias_rows():
        if row.valid_to is not None or "{" in row.canonical:
            continue
        if row.level == "both":
            forms = [localize(f, lvl) for f in (row.canonical, *row.aliases) if "{" not in f]
        elif row.level == lvl:
            forms = [f for f in (row.canonical, *row.aliases) if "{" not in f]
        else:
            continue
        if level == "district":
            forms = ["区" + f[1:] if f.startswith("县") else f for f in forms]
        pool.append(forms)
    return pool


class NoticeWriter:
    def __init__(self, place: Place, year: int, rng: random.Random) -> None:
        self.place, self.year, self.rng = place, year, rng
        self.head = {"city": "市长", "county": "县长", "district": "区长"}.get(place.level, "市长")
        self.deputy = "副" + self.head
        self.units = unit_pool(place.level)
        self.leaders = self._leaders()

    def _leaders(self) -> list[tuple[str, str]]:
        rng = random.Random(f"{self.place.name}-{self.year // 5}")  # a government serves about five years
        names = {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(12)}
        ordered = sorted(names)[:7]
        titles = [self.head, "常务" + self.deputy, *([self.deputy] * 5)]
        return list(zip(ordered, titles, strict=False))

    def project(self, k: int) -> tuple[str, str, str]:
        """(name, indicator, prose) of the region's k-th project: the same in every year it runs."""
        rng = random.Random(f"{self.place.name}-project-{k}")
        name = rng.choice(NAME_CHARS) + rng.choice(NAME_CHARS) + rng.choice(PROJECT_KINDS)
        _theme, indicator = rng.choice(THEMES)
        w = rng.sample(WORDS, 8)
        prose = f"{w[0]}{w[1]}{w[2]}{w[3]},{w[4]}{w[5]}{w[6]}{w[7]}"
        return name, indicator, prose

    def unit_list(self, k: int) -> str:
        picks = self.rng.sample(self.units, k=min(k, len(self.units)))
        return "、".join(self.rng.choice(forms) for forms in picks)

    def task_text(self, i: int, first_project: int = 0) -> str:
        rng = self.rng
        if i < len(HEADLINE) and rng.random() < 0.8:
            return HEADLINE[i].format(
                g=rng.choice([5, 5.5, 6, 6.5, 7, 7.5, 8]),
                f=rng.choice([6, 8, 10]),
                u=rng.choice([6, 6.5, 7]),
                r=rng.choice([7, 7.5, 8]),
                s=rng.choice([5, 6, 7]),
                j=rng.choice([1.2, 2, 4, 6]),
                q=rng.choice([3.5, 4]),
            )
        name, indicator, prose = self.project(first_project + i)
        head = f"{rng.choice(VERBS)}{self.place.short}{name}建设,{prose}"
        if rng.random() >= TARGET_SHARE:
            return f"{head}。"
        n = rng.choice([5, 10, 20, 30, 50, 100, 200, 500])
        if rng.random() < 0.5:
            return f"{head},{indicator}增长{rng.choice([5, 6, 8, 10, 12])}%以上。"
        return f"{head},全年完成投资{n}{rng.choice(['亿元', '万元'])}。"

    def header(self, kind_title: str, doc_no: str) -> list[str]:
        office = f"{self.place.name}人民政府办公室"
        return [
            "当前位置:首页 > 政府信息公开 > 政策文件",
            f"{office}关于印发{kind_title}的通知",
            doc_no,
            "各乡镇人民政府(街道办事处),各部门、各单位:",
            f"《{kind_title.removesuffix('的通知')}》已经政府同意,现印发给你们,请认真贯彻执行。",
            office,
            f"{self.year}年{self.rng.randint(2, 4)}月{self.rng.randint(1, 28)}日",
        ]

    def decomposition(self, tasks: int, style: str, first_project: int = 0) -> str:
        title = f"{self.year}年政府工作报告重点工作责任分解"
        lines = self.header(title, f"{self.place.short}政办发〔{self.year}〕{self.rng.randint(1, 60)}号")
        lines += ["附件1", title]
        per = max(1, tasks // len(self.leaders))
        i = 0
        for li, (name, leader_title) in enumerate(self.leaders):
            if style == "sections":
                lines.append(f"{'一二三四五六七'[li]}、{name}{leader_title}牵头重点工作")
            for k in range(per if li < len(self.leaders) - 1 else tasks - i):
                lines.append(f"{k + 1}.{self.task_text(i, first_project)}")
                if style == "leader_lines":
                    lines.append(
                        f"牵头领导:{name}" + ("、" + self.leaders[(li + 1) % 7][0] if k % 5 == 0 else "")
                    )
                note = "(列第一位者为工作牵头单位或汇总单位,下同)" if i == 0 and style == "sections" else ""
                lines.append(f"责任单位:{self.unit_list(self.rng.randint(1, 5))}{note}")
                i += 1
        lines += ["附件2", f"{self.year}年民生实事项目责任分解"]
        for k in range(10):
            name = self.rng.choice(NAME_CHARS) + self.rng.choice(NAME_CHARS)
            lines.append(
                f"{'一二三四五六七八九十'[k]}、实施{name}{self.rng.choice(THEMES)[0]}民生工程。"
                f"新建设施{self.rng.randint(2, 50)}个。"
            )
            lines.append(f"牵头单位:{self.unit_list(self.rng.randint(1, 2))}")
        lines += ["扫一扫在手机打开当前页"]
        return "\n".join(lines) + "\n"

    def key_work_list(self, key_works: int, first_project: int = 0) -> str:
        title = f"{self.year}年度{self.place.name}政府重点工作清单"
        lines = self.header(title, f"{self.place.short}政办发〔{self.year}〕{self.rng.randint(1, 60)}号")
        lines.insert(5, "一、清单中明确的责任单位为相关工作的牵头部门,其他各有关单位要全力予以协助配合。")
        lines += [title, "序号 重点工作 工作举措 进度安排"]
        for k in range(1, key_works + 1):
            goal = self.task_text(k - 1, first_project)
            name = self.project(first_project + k - 1)[0]
            for m in range(1, self.rng.randint(2, 6)):
                measure = f"{self.rng.choice(VERBS)}{name}{STAGES[(m - 1) % len(STAGES)]}。"
                if m == 1 or self.rng.random() < 0.3:
                    lines.append(f"{k} {goal} {m}.{measure}")  # the flattened table repeats the key work
                else:
                    lines.append(f"{m}.{measure}")
                lines.append(f"责任单位:{self.unit_list(self.rng.randint(1, 3))}")
                lines.append("6月底前完成方案制定。9月底前完成年度目标的75%。12月底前全面完成年度任务。")
        return "\n".join(lines) + "\n"


def task_count(seed: int, place: Place, year: int) -> int:
    return random.Random(f"{seed}-{place.name}-{year}-tasks").randint(100, 300)


def first_project(seed: int, place: Place, year: int) -> int:
    """Where this year's window of the region's projects starts: each earlier year moved it on by
    (1 − CARRY_OVER) of that year's tasks."""
    return sum(round((1 - CARRY_OVER) * task_count(seed, place, y)) for y in range(FIRST_YEAR, year))


DECADE = 10


def generate(notices: int, out: Path, seed: int = 42, regions: str = "zhejiang") -> list[Path]:
    """Write ``notices`` files into ``out``: regions × years, mixed layouts. Deterministic from ``seed``.

    ``regions="zhejiang"``: Zhejiang's 111 cities and counties, a year after another (the corpus
    grows by years). ``regions="national"``: a decade of notices per division of the national
    table (the corpus grows by regions: 3,000 notices are 300 regions)."""
    out.mkdir(parents=True, exist_ok=True)
    if regions not in ("zhejiang", "national"):
        raise ValueError(f"regions must be zhejiang or national, not {regions!r}")
    written: list[Path] = []
    pl = places() if regions == "zhejiang" else national_places()
    years = list(range(FIRST_YEAR, FIRST_YEAR + max(1, -(-notices // len(pl)))))
    for n in range(notices):
        if regions == "national":
            place, year = pl[(n // DECADE) % len(pl)], FIRST_YEAR + n % DECADE
        else:
            place, year = pl[n % len(pl)], years[n // len(pl)]
        w = NoticeWriter(place, year, random.Random(f"{seed}-{place.name}-{year}"))
        tasks = task_count(seed, place, year)
        start = first_project(seed, place, year)
        if (n // len(pl)) % 4 == 3:
            text = w.key_work_list(max(8, tasks // 5), start)
        else:
            text = w.decomposition(
                tasks, "leader_lines" if zlib.crc32(place.name.encode()) % 3 == 0 else "sections", start
            )
        p = out / f"{place.name}-{year}.txt"
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
