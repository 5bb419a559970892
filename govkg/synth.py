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
ACTIONS = ["行动", "工程", "改革", "攻坚行动", "提升计划", "三年行动", "专项行动", "示范创建"]
HEADLINE = [
    "地区生产总值增长{g}%左右,固定资产投资增长{f}%以上。",
    "城乡居民人均可支配收入分别增长{u}%和{r}%左右。",
    "财政总收入和一般公共预算收入增长与经济增长基本同步。",
    "社会消费品零售总额增长{s}%。",
    "城镇新增就业{j}万人,城镇登记失业率控制在{q}%以内。",
]
COUNT_UNITS = ["家", "个", "所", "万人", "公里", "亩", "套"]
# Most tasks in the seed notices state no number (about 0.5–1 target per task overall):
# prose clauses for the tasks without a target.
PROSE = [
    "健全{t}工作机制,强化要素保障,推动{t}高质量发展。",
    "完善{t}政策体系,加强部门协同和督查考核,形成一批可复制可推广的经验。",
    "聚焦{t}重点领域和关键环节,谋划实施一批牵引性项目,打造具有辨识度的标志性成果。",
    "深化{t}体制机制创新,优化服务供给,切实增强群众获得感。",
]
TARGET_SHARE = 0.35  # share of ordinary tasks that state targets, as in the seeds


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    short: str


def places() -> list[Place]:
    """Zhejiang's cities and counties from data/regions.csv (provinces left out)."""
    return [Place(r.name, r.level, r.short) for r in regions().values() if r.level != "province"]


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

    def unit_list(self, k: int) -> str:
        picks = self.rng.sample(self.units, k=min(k, len(self.units)))
        return "、".join(self.rng.choice(forms) for forms in picks)

    def task_text(self, i: int) -> str:
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
        theme, indicator = THEMES[(i * 7 + rng.randrange(3)) % len(THEMES)]
        n = rng.choice([5, 10, 20, 30, 50, 100, 200, 500])
        if rng.random() >= TARGET_SHARE:
            return f"{rng.choice(VERBS)}{theme}{rng.choice(ACTIONS)},{rng.choice(PROSE).format(t=theme)}"
        return (
            f"{rng.choice(VERBS)}{theme}{rng.choice(ACTIONS)},{indicator}增长{rng.choice([5, 6, 8, 10, 12])}%以上,"
            f"新增{theme}项目{n}{rng.choice(COUNT_UNITS)}。"
        )

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

    def decomposition(self, tasks: int, style: str) -> str:
        title = f"{self.year}年政府工作报告重点工作责任分解"
        lines = self.header(title, f"{self.place.short}政办发〔{self.year}〕{self.rng.randint(1, 60)}号")
        lines += ["附件1", title]
        per = max(1, tasks // len(self.leaders))
        i = 0
        for li, (name, leader_title) in enumerate(self.leaders):
            if style == "sections":
                lines.append(f"{'一二三四五六七'[li]}、{name}{leader_title}牵头重点工作")
            for k in range(per if li < len(self.leaders) - 1 else tasks - i):
                lines.append(f"{k + 1}.{self.task_text(i)}")
                if style == "leader_lines":
                    lines.append(
                        f"牵头领导:{name}" + ("、" + self.leaders[(li + 1) % 7][0] if k % 5 == 0 else "")
                    )
                note = "(列第一位者为工作牵头单位或汇总单位,下同)" if i == 0 and style == "sections" else ""
                lines.append(f"责任单位:{self.unit_list(self.rng.randint(1, 5))}{note}")
                i += 1
        lines += ["附件2", f"{self.year}年民生实事项目责任分解"]
        for k in range(10):
            lines.append(
                f"{'一二三四五六七八九十'[k]}、实施民生项目{k + 1}。新建{self.rng.choice(THEMES)[0]}设施"
                f"{self.rng.randint(2, 50)}个。"
            )
            lines.append(f"牵头单位:{self.unit_list(self.rng.randint(1, 2))}")
        lines += ["扫一扫在手机打开当前页"]
        return "\n".join(lines) + "\n"

    def key_work_list(self, key_works: int) -> str:
        title = f"{self.year}年度{self.place.name}政府重点工作清单"
        lines = self.header(title, f"{self.place.short}政办发〔{self.year}〕{self.rng.randint(1, 60)}号")
        lines.insert(5, "一、清单中明确的责任单位为相关工作的牵头部门,其他各有关单位要全力予以协助配合。")
        lines += [title, "序号 重点工作 工作举措 进度安排"]
        for k in range(1, key_works + 1):
            goal = self.task_text(k - 1)
            for m in range(1, self.rng.randint(2, 6)):
                measure = f"{self.rng.choice(VERBS)}{self.rng.choice(THEMES)[0]}{self.rng.choice(ACTIONS)}。"
                if m == 1 or self.rng.random() < 0.3:
                    lines.append(f"{k} {goal} {m}.{measure}")  # the flattened table repeats the key work
                else:
                    lines.append(f"{m}.{measure}")
                lines.append(f"责任单位:{self.unit_list(self.rng.randint(1, 3))}")
                lines.append("6月底前完成方案制定。9月底前完成年度目标的75%。12月底前全面完成年度任务。")
        return "\n".join(lines) + "\n"


def generate(notices: int, out: Path, seed: int = 42) -> list[Path]:
    """Write ``notices`` files into ``out``: regions × years, mixed layouts. Deterministic from ``seed``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pl = places()
    years = list(range(2015, 2015 + max(1, -(-notices // len(pl)))))
    written: list[Path] = []
    for n in range(notices):
        place = pl[n % len(pl)]
        year = years[n // len(pl)]
        w = NoticeWriter(place, year, random.Random(f"{seed}-{place.name}-{year}"))
        tasks = rng.randint(100, 300)
        if (n // len(pl)) % 4 == 3:
            text = w.key_work_list(max(8, tasks // 5))
        else:
            text = w.decomposition(
                tasks, "leader_lines" if zlib.crc32(place.name.encode()) % 3 == 0 else "sections"
            )
        p = out / f"{place.name}-{year}.txt"
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
