"""Generate the example workbook of a fictional county: ``workbooks/examples/示例县卫生健康局.xlsx``.

    python3 scripts/make_example_workbook.py            # regenerate the committed file (fixed seed)
    python3 scripts/make_example_workbook.py --out x.xlsx --seed 7

示例县 (fictional, division code 140599) has six 乡镇/街道. The workbook is built on the template
(:func:`addin.templates.build_template`), so it carries the same formats, lists and 填表说明. Everything random
comes from one ``random.Random(seed)``: the same seed gives the same cell values. Codes are valid: 统一社会信用代码
with correct check characters and correct inner 组织机构代码 (91 企业, 92 个体工商户, 12 事业单位, 52 民办非企业),
身份证号 with real birth dates in the fictional division 140599, 执法证号 ZF + digits. Phone numbers are
fictional on purpose: local numbers starting with 0 do not exist. The plan is seed 003's (陵川县 2024) annexes
adapted to a county with a separate 体育局, plus the usual health tasks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.workbook.workbook import Workbook

from addin.adapters.files import atomic_write
from addin.core.ids import USCC_CHARSET, idcard_check_char, org_code_check_char, uscc_check_char
from addin.schemas import load_schemas
from addin.templates import build_template


def words(text: str) -> list[str]:
    return text.split()


SEED = 20240506
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbooks" / "examples" / "示例县卫生健康局.xlsx"
COUNTY, DIVISION = "示例县", "140599"
HEALTH, MARKET, SPORT = "卫生健康局", "市场监督管理局", "体育局"
TOWNSHIPS = ("城关镇", "新华街道", "南河镇", "东坪镇", "北山乡", "西岭乡")
TOWNSHIP_WEIGHTS = (30, 25, 14, 12, 10, 9)
STREETS = {"城关镇": words("建设路 人民路 解放街 文化路 府前街 迎宾大道 东关街 西关街"),
           "新华街道": words("新华路 振兴路 光明路 育才路 滨河路 朝阳路 紫金街 凤鸣路")}
COMMUNITIES = words("新华社区 振兴社区 光明社区 凤鸣社区 紫金社区 育才社区")
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
            "阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹常武乔贺")
MALE = "伟强军勇磊涛斌杰鹏辉刚建明国华志俊峰鑫浩宇晨文亮超平海林波东正永胜利春宏海兵鹏飞宁"
FEMALE = "芳娜敏静丽艳娟霞燕玲红梅琳雪婷慧颖洁倩欣悦晓佳丹萍莉英秀兰凤桂荣珍玉瑶"
BRANDS = words("金辉 鑫源 华泰 丽人 悦来 福瑞 顺达 美佳 佳美 龙腾 瑞丰 盛世 恒通 宏达 兴隆 锦华 富源 祥和 万福 康乐 雅丽 "
          "靓丽 时尚 名流 红星 东方 天成 永盛 聚福 嘉禾 和顺 安泰 昌盛 博雅 馨悦 御景 君悦 星辰 银河 太行 凤凰 "
          "紫金 金鼎 百川 四季 同心 新月 晨曦 蓝天 春晖 德馨 鸿运 广源 丰泽 泰和 吉祥 旺达 益民 惠民 阳光 "
          "金桥 银座 国泰 汇丰 仁和 宜家 欣欣 乐康 清源 明珠 华夏 金色 花园 绿洲 海棠 兰亭 竹韵 荷塘 金秋 "
          "一品 尚品 优品 诚信 信达 众联 金海 金源 金山 玉兰 玉泉 翠峰 青松 松鹤 鹤鸣 麒麟 骏马 天马 神州 "
          "长城 长兴 长安 新亚 新华 新世纪 新概念 美丽 美好 美家 伊人 佳人 花语 花样 丝情 秀发 顶尖 "
          "名剪 巧手 妙手 金剪 千丝 魅力 魔发 非凡 卓越 精艺 艺苑 艺林 创意 缘来 好运 开元 天和 民安")
INDUSTRIES = words("建材 铸造 化工 煤业 石材加工 水泥制品 机械制造 木业 家具 纺织 印刷 耐火材料 砖瓦 电镀 "
              "汽车修理 塑料制品 饲料 玻璃制品 钢结构 铝业")
# Credit classes (信用风险分类) in realistic proportions: enterprises are mostly A/B, institutions unclassified.
RISK_ENTERPRISE = ("A",) * 40 + ("B",) * 38 + ("C",) * 12 + ("D",) * 3 + ("未分类",) * 7
RISK_INSTITUTION = ("A",) * 25 + ("B",) * 12 + ("C",) * 3 + ("未分类",) * 60
STATUS = ("在营",) * 194 + ("停业",) * 3 + ("注销",) * 3  # 1.5 % 停业, 1.5 % 注销
KIND_NAME = {"91": "企业", "92": "个体工商户", "12": "事业单位", "52": "民办非企业"}


class County:
    """The random state of one generation run (``random.Random(seed)``; the global RNG is never used)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes: set[str] = set()
        self.names: set[str] = set()
        self.villages = {t: self._villages(t) for t in TOWNSHIPS if t not in STREETS}

    # -- identifiers -------------------------------------------------------------------------------------
    def uscc(self, kind: str, region: str = DIVISION) -> str:
        """统一社会信用代码 of a 91/92/12/52 body with a GB 11714 组织机构代码 inside (positions 9–17)."""
        rng, letters = self.rng, [c for c in USCC_CHARSET if c.isalpha()]
        while True:
            if kind in ("91", "92") and (kind == "92" or rng.random() < 0.6):
                body = "MA0" + rng.choice("KLNGHJ") + "".join(rng.choice(USCC_CHARSET) for _ in range(4))
            elif kind == "91":
                body = rng.choice("0567") + "".join(rng.choice("0123456789") for _ in range(7))
            elif kind == "12":
                body = "4" + "".join(rng.choice("0123456789") for _ in range(7))
            else:
                body = "MJ" + rng.choice("0123456789") + "".join(rng.choice(letters + list("0123456789"))
                                                             for _ in range(5))
            first17 = kind + region + body + org_code_check_char(body)
            code = first17 + uscc_check_char(first17)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def idcard(self, male: bool) -> str:
        """身份证号 in the fictional division 140599: a real birth date, the sex digit, the check character."""
        born = dt.date(1966, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 32))
        seq = self.rng.randrange(0, 500) * 2 + (1 if male else 0)
        first17 = f"{DIVISION}{born:%Y%m%d}{seq:03d}"
        return first17 + idcard_check_char(first17)

    def person(self, male: bool | None = None) -> tuple[str, bool]:
        male = self.rng.random() < 0.55 if male is None else male
        chars = MALE if male else FEMALE
        given = "".join(self.rng.choice(chars) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given, male

    def phone(self) -> str:
        return f"0356-0{self.rng.randrange(100000, 1000000)}"  # no local number starts with 0: fictional

    # -- places ------------------------------------------------------------------------------------------
    def _villages(self, township: str) -> list[str]:
        found: list[str] = []
        while len(found) < 60:
            if self.rng.random() < 0.5:
                name = self.rng.choice(SURNAMES[:30]) + self.rng.choice(("家庄", "家沟", "家峪", "家坪", "庄", "家河"))
            else:
                name = self.rng.choice("东西南北上下前后大小") + self.rng.choice("河坡岭沟坪庄峪寨湾泉")
            if name + "村" not in found:
                found.append(name + "村")
        return found

    def township(self, choices: Sequence[str] = TOWNSHIPS) -> str:
        weights = [TOWNSHIP_WEIGHTS[TOWNSHIPS.index(t)] for t in choices]
        return self.rng.choices(list(choices), weights)[0]

    def address(self, township: str, place: str | None = None) -> str:
        if place:
            return f"{COUNTY}{township}{place}"
        if township in STREETS:
            return f"{COUNTY}{township}{self.rng.choice(STREETS[township])}{self.rng.randrange(1, 300)}号"
        return f"{COUNTY}{township}{self.rng.choice(self.villages[township])}"

    def business_name(self, pattern: str, township: str) -> str:
        """A registered name not used yet: {b} a trade name, {i} an industry, {t} the township, {v} a village."""
        rng = self.rng
        for _ in range(200):
            name = pattern.format(b=rng.choice(BRANDS), i=rng.choice(INDUSTRIES), t=township,
                                  v=rng.choice(self.villages.get(township, ["城区"])))
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError(f"ran out of names for {pattern} in {township}")


# -- the target registry (检查对象名录库) --------------------------------------------------------------------
# category → (监管股室, licence prefix or None, [(weight, kind, name pattern, township choices or None)])
# A pattern's {b} is a trade name, {i} an industry, {t} the township, {v} a village or community.
CATEGORIES: dict[str, tuple[int, str, str | None, list[tuple[int, str, str]]]] = {
    "公共场所": (470, "公共卫生监督股", "示卫公字", [
        (10, "91", "示例县{b}酒店有限公司"), (12, "92", "示例县{b}宾馆"), (5, "92", "示例县{t}{b}旅馆"),
        (12, "92", "示例县{b}美发店"), (8, "92", "示例县{b}发艺工作室"), (6, "92", "示例县{b}造型设计店"),
        (8, "92", "示例县{t}{b}理发店"), (10, "92", "示例县{b}美容院"), (8, "92", "示例县{b}美容养生馆"),
        (5, "91", "示例县{b}美容美体有限公司"), (8, "92", "示例县{b}浴池"), (4, "91", "示例县{b}洗浴中心有限公司"),
        (4, "91", "示例县{b}购物广场有限公司")]),
    "医疗机构": (300, "医疗卫生监督股", "示卫医字", [
        (30, "92", "示例县{b}诊所"), (10, "92", "示例县{b}口腔诊所"), (6, "92", "示例县{b}中医诊所"),
        (3, "52", "示例县{b}医院"), (3, "91", "示例县{b}医疗美容诊所有限公司"), (100, "52", "示例县{t}{v}卫生室")]),
    "用人单位职业卫生": (160, "职业健康股", None, [(1, "91", "示例县{b}{i}有限公司")]),
    "生活饮用水": (100, "公共卫生监督股", "示卫水字", [
        (35, "91", "示例县{b}物业管理有限公司"), (55, "92", "示例县{b}净水店")]),
    "学校卫生": (80, "公共卫生监督股", None, [
        (40, "12", "示例县{t}{v}小学"), (30, "52", "示例县{b}幼儿园"), (3, "52", "示例县{b}学校")]),
    "托育机构": (25, "人口家庭股", None, [(12, "91", "示例县{b}托育服务有限公司"), (13, "52", "示例县{b}托育园")]),
    "消毒产品生产企业": (10, "公共卫生监督股", "（示）卫消证字", [
        (6, "91", "示例县{b}卫生用品有限公司"), (4, "91", "示例县{b}消毒制品有限公司")]),
    "游泳场（馆）": (14, "公共卫生监督股", "示卫公字", [
        (10, "91", "示例县{b}游泳健身有限公司"), (2, "92", "示例县{b}游泳馆")]),
    "滑雪场": (3, "体育股", "示体高危字", []),
}
# Institutions every county has, written out: (category, kind, name, township, place).
FIXED = [
    ("医疗机构", "12", "示例县人民医院", "城关镇", "人民路88号"), ("医疗机构", "12", "示例县中医医院", "城关镇", "文化路16号"),
    ("医疗机构", "12", "示例县妇幼保健院", "新华街道", "育才路9号"),
    *[("医疗机构", "12", f"示例县{t}卫生院", t, "政府街1号") for t in TOWNSHIPS if t != "新华街道"],
    *[("医疗机构", "12", f"示例县新华街道{c}卫生服务站", "新华街道", c) for c in COMMUNITIES],
    ("生活饮用水", "91", "示例县自来水有限公司", "城关镇", "滨河路2号"),
    *[("生活饮用水", "12", f"示例县{t}供水站", t, "水厂路1号") for t in TOWNSHIPS if t not in STREETS],
    ("学校卫生", "12", "示例县第一中学", "城关镇", "文化路1号"), ("学校卫生", "12", "示例县第二中学", "新华街道", "育才路20号"),
    ("学校卫生", "12", "示例县职业技术教育中心", "新华街道", "振兴路66号"),
    *[("学校卫生", "12", f"示例县{t}中心小学", t, "学校路1号") for t in TOWNSHIPS],
    *[("学校卫生", "12", f"示例县{t}中心幼儿园", t, "学校路5号") for t in TOWNSHIPS],
    ("游泳场（馆）", "12", "示例县全民健身中心游泳馆", "新华街道", "滨河路100号"),
    ("游泳场（馆）", "12", "示例县第一中学游泳馆", "城关镇", "文化路1号"),
    ("滑雪场", "91", "示例县北山滑雪场有限公司", "北山乡", "北山景区"),
    ("滑雪场", "91", "示例县西岭国际滑雪度假区有限公司", "西岭乡", "西岭景区"),
    ("滑雪场", "91", "示例县云顶冰雪运动有限公司", "北山乡", "云顶山"),
]


def targets(county: County) -> list[dict[str, Any]]:
    rng, rows = county.rng, []
    fixed_count = {c: sum(1 for f in FIXED if f[0] == c) for c in CATEGORIES}
    for category, (count, office, licence, patterns) in CATEGORIES.items():
        specs: list[tuple[str, str, str, str | None]] = [(k, n, t, p) for c, k, n, t, p in FIXED if c == category]
        for _ in range(count - fixed_count[category]):
            _weight, kind, pattern = rng.choices(patterns, [p[0] for p in patterns])[0]
            township = county.township(("南河镇", "东坪镇", "西岭乡") if category == "用人单位职业卫生" else TOWNSHIPS)
            place = None
            if "{v}" in pattern:  # village clinics and schools: any rural township, one per village
                township = rng.choice([t for t in TOWNSHIPS if t not in STREETS])
            name = county.business_name(pattern, township)
            if "{v}" in pattern:
                place = name.removeprefix(f"{COUNTY}{township}").removesuffix("卫生室").removesuffix("小学")
            elif category == "用人单位职业卫生":
                place = f"工业园区{rng.randrange(1, 120)}号"
            specs.append((kind, name, township, place))
        for kind, name, township, place in specs:
            county.names.add(name)
            rows.append(target_row(county, category, office, licence, kind, name, township, place))
    return lapsing(rows)


def lapsing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A few licences issued in 2020 that lapse around the demo's day (2024-07-31), so that 风险预警 shows its
    licence rules: every 97th licensed target in business, due between 2024-06-05 and 2024-09-25. Chosen by
    position — no random draw — so the rest of the example stays as it was."""
    licensed = [r for r in rows if "许可有效期至" in r and r["经营状态"] == "在营"]
    for n, row in enumerate(licensed[13::97]):
        row["许可有效期至"] = dt.date(2024, 6 + n % 4, 5 + 10 * (n % 3))
        row["许可证号"] = re.sub(r"（\d{4}）", "（2020）", row["许可证号"])
    return rows


def target_row(county: County, category: str, office: str, licence: str | None, kind: str, name: str,
               township: str, place: str | None) -> dict[str, Any]:
    rng = county.rng
    enterprise = kind in ("91", "92")
    steady = category == "滑雪场" or name.endswith(("卫生院", "医院", "中学"))
    status = "在营" if steady else rng.choice(STATUS)
    risk = rng.choice(RISK_ENTERPRISE if enterprise else RISK_INSTITUTION)
    issued = rng.randrange(2021, 2024)
    row: dict[str, Any] = {
        "统一社会信用代码": county.uscc(kind, "140500" if kind == "91" and rng.random() < 0.08 else DIVISION),
        "单位名称": name, "主体类型": KIND_NAME[kind], "法定代表人": county.person()[0],
        "联系电话": county.phone(), "地址": county.address(township, place), "所属乡镇": township,
        "检查对象类别": category, "监管股室": office, "经营状态": status, "信用风险分类": risk,
        "重点监管": "是" if risk == "D" or category in ("游泳场（馆）", "滑雪场") or name.endswith("医院") else "否",
    }
    if licence:
        row["许可证号"] = f"{licence}（{issued}）第{rng.randrange(1, 1000):06d}号"
        row["许可有效期至"] = dt.date(issued + 4, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
    if status == "停业":
        row["备注"] = rng.choice(("2024年1月起停业装修", "季节性停业", "负责人外出，暂停营业"))
    elif status == "注销":
        row["备注"] = "2023年已办理注销登记"
    return row


# -- the inspector registry (执法检查人员名录库) --------------------------------------------------------------
# (所属单位, 所属股室, [专业领域 of each inspector, "、"-joined]); exceptions below by (单位, 股室, index).
ROSTER = [
    (HEALTH, "公共卫生监督股", ["公共场所、生活饮用水"] * 3 + ["公共场所、学校卫生"] * 3 + ["公共场所、消毒产品"] * 2
     + ["公共场所、生活饮用水、学校卫生", "生活饮用水、消毒产品、传染病防治"]),
    (HEALTH, "医疗卫生监督股", ["医疗卫生、传染病防治"] * 4 + ["医疗卫生"] * 2
     + ["医疗卫生、放射卫生", "医疗卫生、中医药", "传染病防治、消毒产品"]),
    (HEALTH, "职业健康股", ["职业卫生"] * 3 + ["职业卫生、放射卫生"] * 2 + ["职业卫生、安全生产"]),
    (HEALTH, "疾病预防控制股", ["公共场所、学校卫生、传染病防治", "医疗卫生、传染病防治", "公共场所、生活饮用水",
                       "职业卫生、公共场所"]),
    (HEALTH, "人口家庭股", ["妇幼健康、计划生育"] * 2 + ["妇幼健康、学校卫生"]),
    (MARKET, "信用监管股", ["市场监管"] * 3),
    (MARKET, "综合执法大队", ["市场监管、食品安全"] * 2 + ["市场监管、安全生产"] * 2),
    (SPORT, "群众体育股", ["体育"] * 2),
    (SPORT, "体育执法大队", ["体育、安全生产"] * 2 + ["体育"]),
]
EXPIRED = {(HEALTH, "公共卫生监督股", 2): dt.date(2024, 3, 31), (HEALTH, "医疗卫生监督股", 5): dt.date(2023, 12, 31),
           (MARKET, "综合执法大队", 3): dt.date(2024, 4, 30)}
ABSENT = {(HEALTH, "职业健康股", 2): ("休假", "病假至2024年7月"),
          (HEALTH, "公共卫生监督股", 9): ("借调", "借调至县委巡察办"),
          (SPORT, "体育执法大队", 2): ("休假", "产假至2024年9月")}
DEPT_DIGIT = {HEALTH: 1, MARKET: 2, SPORT: 3}


def inspectors(county: County) -> list[dict[str, Any]]:
    rng, rows, seen = county.rng, list[dict[str, Any]](), set[str]()
    for dept, office, areas in ROSTER:
        for index, area in enumerate(areas):
            name, male = county.person()
            while name in seen:
                name, male = county.person()
            seen.add(name)
            key = (dept, office, index)
            valid = dt.date(rng.randrange(2030, 2035), rng.randrange(1, 13), 1) - dt.timedelta(days=1)
            status, note = ABSENT.get(key, ("在岗", None))
            rows.append({
                "姓名": name, "身份证号": county.idcard(male), "性别": "男" if male else "女",
                "执法证号": f"ZF{DIVISION}{DEPT_DIGIT[dept]}{len(rows) + 1:03d}",
                "执法证有效期至": EXPIRED.get(key, valid), "所属单位": dept, "所属股室": office,
                "专业领域": area, "在岗状态": status,
                "备注": "执法证已过期，待换发" if key in EXPIRED else note,
            })
    return rows


# -- earlier years' results (往年检查结果) and registration dates: a separate random stream, so that adding
# them changed no other cell. Fictional, with a real signal: D firms and 公共场所 have more problems.
HISTORY_YEARS = (2021, 2022, 2023)
HISTORY_SHARE = 0.08  # of the 在营 targets inspected per year
PROBLEM_RATE = {"A": 0.06, "B": 0.10, "C": 0.22, "D": 0.50, "未分类": 0.10}
RISKY_CATEGORY = {"公共场所": 2.0}
NOT_ASSESSED = ("已关闭停业或正在组织清算", "未发现开展本次抽查涉及的经营活动")
HISTORY_MARK = "示例数据（虚构）"


def registration_dates(registry: list[dict[str, Any]], seed: int) -> None:
    """登记日期 for every target: mostly long ago, about one in six since 2021 (new businesses)."""
    rng = random.Random(seed * 7 + 1)
    for row in registry:
        start = dt.date(2021, 1, 1) if rng.random() < 0.17 else dt.date(2000, 1, 1)
        end = dt.date(2023, 6, 30) if start.year == 2021 else dt.date(2020, 12, 31)
        row["登记日期"] = start + dt.timedelta(days=rng.randrange((end - start).days))


def history(registry: list[dict[str, Any]], roster: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """往年检查结果 of 2021–2023: a share of the 在营 targets each year, problems by class and category."""
    rng = random.Random(seed * 7 + 2)
    health = [p["执法证号"] for p in roster if p["所属单位"] == HEALTH]
    categories = list(CATEGORIES)
    rows: list[dict[str, Any]] = []
    for year in HISTORY_YEARS:
        for row in registry:
            if row["经营状态"] != "在营" or row.get("登记日期", dt.date(2000, 1, 1)).year > year:
                continue
            stratum = row["信用风险分类"]
            if rng.random() >= (1.0 if stratum == "D" else HISTORY_SHARE):
                continue
            day = dt.date(year, rng.randrange(5, 12), rng.randrange(1, 29))
            chance = min(0.9, PROBLEM_RATE[stratum] * RISKY_CATEGORY.get(row["检查对象类别"], 1.0))
            result: dict[str, Any] = {
                "任务编号": f"{year}-{categories.index(row['检查对象类别']) + 1:02d}", "统一社会信用代码": row["统一社会信用代码"],
                "检查日期": day, "检查人员": "、".join(rng.sample(health, 2)), "检查方式": "实地检查",
                "录入部门": HEALTH, "录入人": HISTORY_MARK, "录入日期": day, "公示日期": day + dt.timedelta(days=10),
                "公示渠道": "国家企业信用信息公示系统", "单位名称": row["单位名称"], "检查对象类别": row["检查对象类别"],
                "信用风险分类": stratum, "所属乡镇": row["所属乡镇"],
            }
            draw = rng.random()
            if draw < 0.03:
                result |= {"检查结果": rng.choice(NOT_ASSESSED), "后续处置": "无需后续处置"}
            elif draw < 0.03 + chance:
                done = day + dt.timedelta(days=rng.randrange(5, 40))
                result |= {"检查结果": "发现问题已责令改正", "后续处置": "责令改正", "问题描述": f"{HISTORY_MARK}：卫生管理制度不健全",
                           "整改期限": day + dt.timedelta(days=30), "整改完成日期": done}
            else:
                result |= {"检查结果": "未发现问题", "后续处置": "无需后续处置"}
            rows.append(result)
    return sorted(rows, key=lambda r: (r["检查日期"], r["统一社会信用代码"]))


def conflicts(county: County, registry: list[dict[str, Any]], roster: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A dozen declared conflicts (回避关系) between drawable inspectors and open targets."""
    rng = county.rng
    reasons = [("亲属", "配偶经营"), ("亲属", "兄弟经营"), ("亲属", "父亲为法定代表人"), ("亲属", "子女在该单位任职"),
               ("亲属", "岳父经营"), ("曾任职", "2018—2020年曾在该单位任职"), ("曾任职", "曾兼任该单位顾问"),
               ("曾任职", "2016年前在该单位工作"), ("上次检查", "2023年度抽查中检查过该单位"),
               ("上次检查", "2023年度专项检查中检查过该单位"), ("上次检查", "2023年投诉核查时检查过该单位"),
               ("其他", "同学关系，本人申请回避")]
    drawable = [p for p in roster if p["在岗状态"] == "在岗" and p["执法证有效期至"] > dt.date(2024, 5, 6)]
    rows: list[dict[str, Any]] = []
    pairs: set[tuple[str, str]] = set()
    for reason, note in reasons:
        while True:
            person = rng.choice([p for p in drawable if p["所属单位"] == (MARKET if reason == "其他" else HEALTH)])
            wanted = "游泳场（馆）" if person["所属单位"] == MARKET else rng.choice(
                ("公共场所", "医疗机构", "用人单位职业卫生", "生活饮用水"))
            target = rng.choice([t for t in registry if t["检查对象类别"] == wanted and t["经营状态"] == "在营"])
            pair = (person["执法证号"], target["统一社会信用代码"])
            if pair not in pairs:
                break
        pairs.add(pair)
        rows.append({"执法证号": pair[0], "统一社会信用代码": pair[1], "回避原因": reason, "备注": note})
    return rows


# -- the item list (抽查事项清单): 事项编码, 抽查事项, 事项类别, 检查对象类别, 专业领域, 发起部门, 检查方式, 抽查内容, 抽查依据
PUBLIC_PLACE_LAW = "《公共场所卫生管理条例》及其实施细则"
REGISTRY_LAW = "《企业信息公示暂行条例》《市场主体登记管理条例》"
REGISTRY_CONTENT = "登记事项（名称、住所、经营范围、法定代表人）与实际情况是否一致、年度报告公示信息、即时公示信息"
ITEMS = [
    ("GGCS-01", "公共场所卫生许可及卫生管理情况检查", "一般", "公共场所", "公共场所", HEALTH, "实地检查",
     "卫生许可证、卫生管理制度和档案、从业人员健康合格证明及卫生知识培训、公共用品用具清洗消毒、集中空调通风系统、"
     "卫生检测及结果公示、控烟标识", PUBLIC_PLACE_LAW),
    ("GGCS-02", "公共场所室内空气及公共用品用具卫生检测", "一般", "公共场所", "公共场所", HEALTH, "检验检测、委托专业机构辅助",
     "室内空气质量、公共用品用具微生物指标、集中空调通风系统卫生指标", PUBLIC_PLACE_LAW),
    ("YYCG-01", "游泳场（馆）取得许可证及卫生管理情况等的检查", "重点", "游泳场（馆）", "公共场所", HEALTH, "实地检查、检验检测",
     "卫生许可证、池水水质（游离性余氯、pH 值、浑浊度、尿素）、浸脚消毒池、从业人员健康合格证明、"
     "公共用品用具清洗消毒、水质自检记录", PUBLIC_PLACE_LAW),
    ("YYCG-02", "游泳场（馆）取得经营许可证等项目的检查", "重点", "游泳场（馆）", "体育", SPORT, "实地检查",
     "高危险性体育项目经营许可证、救生员配备、安全设施设备、应急预案", "《全民健身条例》《经营高危险性体育项目许可管理办法》"),
    ("SCJG-01", "市场主体登记事项和公示信息检查（游泳场（馆））", "一般", "游泳场（馆）", "市场监管", MARKET,
     "实地检查、网络监测", REGISTRY_CONTENT, REGISTRY_LAW),
    ("HXC-01", "滑雪场高危险性体育项目经营及安全管理检查", "重点", "滑雪场", "体育", SPORT, "实地检查",
     "是否取得高危险性体育项目经营许可证、安全生产、设施设备、救生员和教练员的配备、规章制度、应急预案、经营情况",
     "《全民健身条例》《经营高危险性体育项目许可管理办法》"),
    ("HXC-02", "滑雪场生活饮用水及公共卫生检查", "一般", "滑雪场", "生活饮用水", HEALTH, "实地检查、检验检测",
     "水质、供水设施卫生、从业人员健康合格证明、公共用品用具清洗消毒", "《生活饮用水卫生监督管理办法》"),
    ("SCJG-02", "市场主体登记事项和公示信息检查（滑雪场）", "一般", "滑雪场", "市场监管", MARKET, "实地检查、网络监测",
     REGISTRY_CONTENT, REGISTRY_LAW),
    ("ZYWS-01", "用人单位职业病防治情况检查", "重点", "用人单位职业卫生", "职业卫生", HEALTH, "实地检查、书面检查",
     "职业病防治管理组织、职业卫生培训情况、建设项目职业卫生防护设施“三同时”开展情况、职业病危害项目申报情况、"
     "工作场所职业病危害因素检测、评价、公示、告知、警示、职业健康监护情况、疑似职业病人处置情况", "《中华人民共和国职业病防治法》"),
    ("ZYWS-02", "用人单位职业病危害因素检测", "一般", "用人单位职业卫生", "职业卫生", HEALTH, "委托专业机构辅助",
     "粉尘、化学毒物、噪声等职业病危害因素现场检测", "《工作场所职业卫生管理规定》"),
    ("YYS-01", "集中式供水单位卫生许可及水质管理检查", "重点", "生活饮用水", "生活饮用水", HEALTH, "实地检查、检验检测",
     "卫生许可证、水源卫生防护、制水工艺与消毒、水质检测、从业人员健康体检和培训、涉水产品卫生许可批件",
     "《生活饮用水卫生监督管理办法》"),
    ("YYS-02", "二次供水设施卫生管理检查", "一般", "生活饮用水", "生活饮用水", HEALTH, "实地检查",
     "设施清洗消毒、水质检测报告、管理人员健康合格证明、卫生管理制度", "《二次供水设施卫生规范》"),
    ("YYS-03", "现制现售饮用水卫生检查", "一般", "生活饮用水", "生活饮用水", HEALTH, "实地检查、检验检测",
     "设备卫生许可批件、水质检测、滤材更换记录、卫生管理", "《生活饮用水卫生监督管理办法》"),
    ("YLJG-01", "医疗机构依法执业情况检查", "重点", "医疗机构", "医疗卫生", HEALTH, "实地检查、书面检查",
     "执业许可或备案、卫生技术人员资质、诊疗科目、医疗文书、药品和医疗器械管理、医疗广告", "《医疗机构管理条例》"),
    ("YLJG-02", "医疗机构传染病防治情况检查", "重点", "医疗机构", "传染病防治", HEALTH, "实地检查",
     "预检分诊、传染病疫情报告、消毒隔离、医疗废物处置、医院感染管理", "《中华人民共和国传染病防治法》"),
    ("YLJG-03", "放射诊疗许可及放射防护检查", "一般", "医疗机构", "放射卫生", HEALTH, "实地检查、检验检测",
     "放射诊疗许可证、放射工作人员职业健康监护和个人剂量监测、放射防护设施", "《放射诊疗管理规定》"),
    ("XXWS-01", "学校教学和生活环境卫生检查", "一般", "学校卫生", "学校卫生", HEALTH, "实地检查",
     "教室采光照明、课桌椅配置、宿舍和厕所卫生、饮用水设施", "《学校卫生工作条例》"),
    ("XXWS-02", "学校传染病防控工作检查", "一般", "学校卫生", "学校卫生", HEALTH, "实地检查、书面检查",
     "晨午检、因病缺勤追踪、传染病疫情报告、复课证明查验", "《中华人民共和国传染病防治法》《学校卫生工作条例》"),
    ("TYJG-01", "托育机构卫生保健工作检查", "一般", "托育机构", "妇幼健康", HEALTH, "实地检查、书面检查",
     "卫生评价报告、儿童健康检查、膳食营养、清洁消毒、传染病防控", "《托育机构设置标准（试行）》《托儿所幼儿园卫生保健管理办法》"),
    ("XDCP-01", "消毒产品生产企业卫生许可及产品卫生安全检查", "一般", "消毒产品生产企业", "消毒产品", HEALTH,
     "实地检查、检验检测", "生产企业卫生许可证、生产条件、原材料、产品标签说明书、卫生安全评价报告、出厂检验",
     "《消毒管理办法》"),
]
RISK_TEXT_UP = "根据企业信用风险分类结果，结合行业监管风险分类，对低风险、一般风险、较高风险、高风险企业，分别递加抽查比例、频次。"
RISK_TEXT_MORE = "根据企业信用风险分类结果，结合行业监管风险分类，对低风险、较高风险、高风险企业，分别增加抽查比例、频次。"
RISK_TEXT_CLASSES = "A 类 3%、B 类 5%、C 类 20%、D 类 100%，未分类按 5% 抽取。"
# 任务编号, 名称, 类型, 事项, 类别, 乡镇, 比例, (A, B, C, D), 开始, 结束, 发起部门, 配合部门, 信用风险分类要求
PLAN = [
    ("2024-01", "对全县游泳场（馆）的抽查", "不定向", "YYCG-01、SCJG-01", "游泳场（馆）", None, 1.0, None,
     (5, 1), (12, 20), HEALTH, MARKET, RISK_TEXT_UP),
    ("2024-02", "对滑雪等高危险性体育项目经营单位的抽查", "不定向", "HXC-01、HXC-02、SCJG-02", "滑雪场", None, 1.0, None,
     (10, 1), (12, 20), HEALTH, f"{SPORT}、{MARKET}", RISK_TEXT_UP),
    ("2024-03", "对用人单位职业卫生的抽查", "定向", "ZYWS-01", "用人单位职业卫生", None, 0.3, (0.2, None, 0.5, 1.0),
     (5, 1), (12, 20), HEALTH, None, RISK_TEXT_MORE),
    ("2024-04", "对公共场所卫生的抽查", "不定向", "GGCS-01、GGCS-02", "公共场所", None, 0.05, (0.03, 0.05, 0.2, 1.0),
     (5, 1), (11, 30), HEALTH, None, RISK_TEXT_CLASSES),
    ("2024-05", "对生活饮用水卫生的抽查", "不定向", "YYS-01、YYS-02、YYS-03", "生活饮用水", None, 0.1, (None, None, None, 1.0),
     (5, 1), (10, 31), HEALTH, None, "D 类 100%，其余按 10% 抽取。"),
    ("2024-06", "对医疗机构依法执业的抽查", "不定向", "YLJG-01", "医疗机构", None, 0.05, (None, None, 0.2, 1.0),
     (5, 1), (11, 30), HEALTH, None, "C 类 20%、D 类 100%，其余按 5% 抽取。"),
    ("2024-07", "对学校卫生的抽查", "不定向", "XXWS-01、XXWS-02", "学校卫生", None, 0.1, (0.05, None, 0.2, 1.0),
     (5, 1), (11, 30), HEALTH, None, "A 类 5%、C 类 20%、D 类 100%，其余按 10% 抽取。"),
    ("2024-08", "对城区托育机构卫生保健的抽查", "定向", "TYJG-01", "托育机构", "城关镇、新华街道", 0.2, (0.1, None, 0.5, 1.0),
     (5, 1), (11, 30), HEALTH, None, "A 类 10%、C 类 50%、D 类 100%，其余按 20% 抽取。"),
    ("2024-09", "对消毒产品生产企业的抽查", "不定向", "XDCP-01", "消毒产品生产企业", None, 0.2, (0.1, None, 0.5, 1.0),
     (5, 1), (10, 31), HEALTH, None, "A 类 10%、C 类 50%、D 类 100%，其余按 20% 抽取。"),
    ("2024-10", "对医疗机构传染病防治的抽查", "不定向", "YLJG-02", "医疗机构", None, 0.1, (None, None, 0.3, 1.0),
     (5, 1), (11, 30), HEALTH, None, "C 类 30%、D 类 100%，其余按 10% 抽取。"),
    ("2024-11", "对医疗机构放射诊疗的抽查", "不定向", "YLJG-03", "医疗机构", None, 0.05, (None, None, 0.2, 1.0),
     (5, 15), (11, 30), HEALTH, None, "C 类 20%、D 类 100%，其余按 5% 抽取；在省级“双随机、一公开”监管平台抽取（外部抽取）。"),
]
# 发起股室 of each task: the lines of work of the bureau (and its 体育 line), as 双随机办 coordinates them
TASK_OFFICE = {"2024-01": "公共卫生监督股", "2024-02": "体育股", "2024-03": "职业健康股", "2024-04": "公共卫生监督股",
               "2024-05": "公共卫生监督股", "2024-06": "医疗卫生监督股", "2024-07": "公共卫生监督股",
               "2024-08": "人口家庭股", "2024-09": "公共卫生监督股", "2024-10": "疾病预防控制股", "2024-11": "医疗卫生监督股"}
# 频次 per class (A类频次 … D类频次): the full-coverage tasks inspect their D firms twice a year (设置 below).
CLASS_FREQUENCIES = {"2024-01": {"D": 2}, "2024-02": {"D": 2}}
YEAR = 2024
ACTIVITIES = [
    ((1, 10), "会议", "2024年全县卫生健康监督工作会议", None, None, "部署2024年“双随机、一公开”监管工作"),
    ((1, 26), "文件", "关于印发《2024年“双随机、一公开”监管工作实施方案》的通知", "示卫字〔2024〕5号", None, None),
    ((2, 20), "文件", "关于印发2024年度双随机抽查工作计划的通知", "示卫字〔2024〕12号", None, "计划已在门户网站公示"),
    ((2, 26), "会议", "“双随机、一公开”监管工作推进会", None, None, "明确各股室抽查任务和时间节点"),
    ((3, 14), "培训", "双随机抽查业务培训班", None, 38, "抽查工作细则、一单两库更新、结果录入与公示"),
    ((4, 18), "培训", "执法检查人员名录库更新及平台操作培训", None, 24, "名录库动态管理、随机抽取操作"),
    ((4, 29), "文件", "关于开展2024年游泳场所和职业卫生随机抽查的通知", "示卫字〔2024〕31号", None, None),
    ((5, 6), "会议", "2024年第一批双随机抽取工作会", None, None, "现场随机抽取检查对象和执法检查人员，全程录像"),
    ((6, 12), "培训", "公共场所卫生监督执法培训", None, 30, "公共场所卫生许可和监督检查要点"),
    ((7, 9), "会议", "上半年“双随机、一公开”工作总结会", None, None, "通报上半年抽查和公示情况"),
    ((8, 20), "文件", "关于开展2024年学校卫生随机抽查的通知", "示卫字〔2024〕58号", None, None),
    ((9, 25), "培训", "职业卫生监督执法培训", None, 18, "职业病危害因素检测与职业健康监护检查"),
    ((9, 27), "文件", "关于开展滑雪场部门联合抽查的通知", "示卫字〔2024〕66号", None, "卫生健康局、体育局、市场监督管理局联合"),
    ((10, 15), "会议", "部门联合抽查联席会议", None, None, "卫生健康局、体育局、市场监督管理局协调滑雪场联合抽查"),
    ((11, 20), "文件", "关于做好双随机抽查结果公示工作的通知", "示卫字〔2024〕79号", None, "结果公示率达到100%"),
]
SETTINGS = {"D类同一对象年度抽查上限": 2, "单位名称": "示例县卫生健康局", "年度": YEAR, "联系人": "高晓燕", "联系电话": "0356-0123456",
            "手机": "13800000000"}


def items() -> list[dict[str, Any]]:
    keys = ("事项编码", "抽查事项", "事项类别", "检查对象类别", "专业领域", "发起部门", "检查方式", "抽查内容", "抽查依据")
    return [dict(zip(keys, item, strict=True)) for item in ITEMS]


def plan() -> list[dict[str, Any]]:
    rows = []
    for task_id, name, kind, codes, category, towns, ratio, classes, start, end, dept, partners, risk in PLAN:
        row = {"任务编号": task_id, "抽查任务名称": name, "抽查类型": kind, "抽查事项": codes, "检查对象类别": category,
               "所属乡镇": towns, "抽查比例": ratio, "频次": 1, "开始日期": dt.date(YEAR, *start),
               "结束日期": dt.date(YEAR, *end), "发起部门": dept, "配合部门": partners, "信用风险分类要求": risk,
               "发起股室": TASK_OFFICE[task_id]}
        for label, value in zip("ABCD", classes or (None,) * 4, strict=True):
            row[f"{label}类比例"] = value
        for label, value in CLASS_FREQUENCIES.get(task_id, {}).items():
            row[f"{label}类频次"] = value
        rows.append(row)
    return rows


def activities() -> list[dict[str, Any]]:
    keys = ("类型", "名称", "文号", "参训人数", "内容")
    return [{"日期": dt.date(YEAR, *day), **dict(zip(keys, rest, strict=True))} for day, *rest in ACTIVITIES]


# -- businesses in several categories ------------------------------------------------------------------------
# One business, one row: 检查对象类别 lists each of its categories ("、"), so that it is in the scope of the tasks
# of each and one visit when several draw it. Set after everything else is generated (no other cell changes).
HOSPITAL = "示例县人民医院"  # also an employer under 职业卫生 supervision (radiology, disinfection staff)
HOTEL_POOL = "游泳场（馆）"  # a hotel that runs a swimming pool open to the public


def several_categories(registry: list[dict[str, Any]]) -> list[str]:
    """Give the county hospital and one hotel their second category; their names."""
    hospital = next(r for r in registry if r["单位名称"] == HOSPITAL)
    hospital["检查对象类别"] = "医疗机构、用人单位职业卫生"
    hotels = [r for r in registry if r["检查对象类别"] == "公共场所" and r["单位名称"].endswith("酒店有限公司")
              and r["经营状态"] == "在营" and r["所属乡镇"] == "城关镇"]
    hotel = hotels[1]  # (the first is drawn by both of its tasks: its form of four items prints below 8 pt)
    hotel["检查对象类别"] = f"公共场所、{HOTEL_POOL}"
    hotel["备注"] = "酒店内设对外开放的游泳馆"
    return [hospital["单位名称"], hotel["单位名称"]]


# -- a draw made on the provincial platform (外部抽取) ---------------------------------------------------------
# Task 2024-11 is drawn on the provincial platform (Hebei: plans made and drawn there); its result list, as the
# platform exports it, lies beside the example in 外部抽取/ for ``ssj import-draw`` and the 导入外部抽取 button.
PLATFORM_TASK = "2024-11"
PLATFORM_DAY = dt.date(YEAR, 5, 20)
PLATFORM_LIST = "省平台抽取结果-放射诊疗.xlsx"
PLATFORM_HEADER = ("序号", "任务编号", "任务名称", "检查对象名称", "统一社会信用代码（注册号）", "住所", "执法检查人员", "实施部门",
                   "抽取时间")
CITY_INSPECTOR = ("郭建华", "ZF1405001017")  # a city inspector the platform assigned: not in the county's roster


def platform_rows(registry: list[dict[str, Any]], roster: list[dict[str, Any]], seed: int) -> list[list[Any]]:
    """The platform's draw of task 2024-11: the open 医疗机构 of each credit class at the plan's rate, two
    inspectors of the 医疗卫生监督股 each (written 姓名（执法证号）, as the platform prints a team), one team with a
    city inspector."""
    rng = random.Random(seed * 7 + 3)
    task = next(t for t in PLAN if t[0] == PLATFORM_TASK)
    rates = dict(zip("ABCD", task[7], strict=True))
    scope = [r for r in registry if "医疗机构" in r["检查对象类别"].split("、") and r["经营状态"] == "在营"]
    chosen = []
    for stratum in ("A", "B", "C", "D", "未分类"):
        members = [r for r in scope if r["信用风险分类"] == stratum]
        rate = rates.get(stratum) or task[6]
        chosen += rng.sample(members, min(len(members), math.ceil(len(members) * rate)))
    chosen.sort(key=lambda r: r["统一社会信用代码"])
    staff = [p for p in roster if p["所属股室"] == "医疗卫生监督股" and p["在岗状态"] == "在岗"
             and p["执法证有效期至"] > PLATFORM_DAY]
    rows = []
    for number, target in enumerate(chosen, start=1):
        team = [(p["姓名"], p["执法证号"]) for p in rng.sample(staff, 2)]
        if number == 3:
            team[1] = CITY_INSPECTOR
        rows.append([number, f"SJ{DIVISION}{YEAR}0311", task[1], target["单位名称"], target["统一社会信用代码"],
                     target["地址"], "、".join(f"{name}（{licence}）" for name, licence in team), HEALTH,
                     f"{PLATFORM_DAY:%Y-%m-%d} 10:30"])
    return rows


def platform_list(rows: list[list[Any]]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "抽查结果"
    ws.append([f"河北省“双随机、一公开”监管平台 抽查结果（{COUNTY}卫生健康局，示例数据，虚构）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(PLATFORM_HEADER))
    ws.append([f"导出时间：{PLATFORM_DAY:%Y-%m-%d} 16:05"])
    ws.append(list(PLATFORM_HEADER))
    for row in rows:
        ws.append(row)
    for column, width in zip("ABCDEFGHI", (6, 20, 26, 30, 24, 34, 40, 14, 18), strict=True):
        ws.column_dimensions[column].width = width
    return wb


# -- the workbook ------------------------------------------------------------------------------------------
def build(seed: int = SEED) -> tuple[Workbook, Workbook]:
    """The example workbook — the template filled with the county's registries, items, plan and activities — and
    the provincial platform's result list of its task 2024-11."""
    county = County(seed)
    registry = targets(county)
    roster = inspectors(county)
    sheets = {"targets": registry, "inspectors": roster, "conflicts": conflicts(county, registry, roster),
              "items": items(), "plan": plan(), "activities": activities()}
    registration_dates(registry, seed)
    sheets["history"] = history(registry, roster, seed)
    several_categories(registry)
    wb = build_template()
    schemas = load_schemas()
    for kind, rows in sheets.items():
        ws = wb[schemas[kind].sheet]
        header = [c.value for c in ws[1]]
        for number, row in enumerate(rows, start=2):
            unknown = set(row) - set(header)
            if unknown:
                raise KeyError(f"{ws.title}: no column {sorted(unknown)}")
            for column, name in enumerate(header, start=1):
                if row.get(name) is not None:
                    ws.cell(row=number, column=column, value=row[name])
    settings = wb[schemas["settings"].sheet]
    for cells in settings.iter_rows(min_row=2):
        if cells[0].value in SETTINGS:
            cells[1].value = SETTINGS[str(cells[0].value)]
    return wb, platform_list(platform_rows(registry, roster, seed))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="生成示例县卫生健康局的示例工作簿（固定随机种子）。")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=EXAMPLE)
    args = parser.parse_args(argv)
    wb, listing = build(args.seed)
    print(f"written: {atomic_write(args.out, lambda tmp: wb.save(tmp))}")
    target = args.out.parent / "外部抽取" / PLATFORM_LIST  # beside the workbook, where the button looks
    target.parent.mkdir(exist_ok=True)
    print(f"written: {atomic_write(target, lambda tmp: listing.save(tmp))}")


if __name__ == "__main__":
    main()
