"""Generate realistic target registries (检查对象名录库) for the validation benchmarks.

    python3 bench/make_registries.py --rows 100000 --out bench/data/targets-100k.xlsx
    python3 bench/make_registries.py --rows 1000000 --out bench/data/targets-1m.xlsx
    python3 bench/make_registries.py --folder bench/data/folder --files 200 --rows 2000

About 2 % of the rows carry one planted error each (a wrong check digit, an unknown enumeration value, a
missing required cell, a duplicate code, a text that is not a date, a lower-case or full-width code that is
*not* an error). The seed is fixed, so the same command gives the same file. Written with openpyxl's
write-only mode, codes as text cells, dates as real dates — as Excel would store them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook

from addin.core.ids import USCC_CHARSET, org_code_check_char, uscc_check_char
from addin.schemas import load_schemas

TOWNSHIPS = ("城关镇", "北关街道", "南山乡", "河西镇", "王庄乡", "走马驿镇", "白石乡", "东河镇")
CATEGORIES = ("公共场所", "游泳场（馆）", "滑雪场", "用人单位职业卫生", "生活饮用水", "医疗机构", "学校卫生",
              "消毒产品", "放射卫生")
PREFIXES = ("91", "92", "12", "52")
STATUS = ("在营",) * 18 + ("停业", "注销")
RISK = ("A",) * 45 + ("B",) * 35 + ("C",) * 12 + ("D",) * 3 + ("未分类",) * 5
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
SHOPS = ("宾馆", "浴池", "理发店", "美容院", "游泳馆", "诊所", "供水站", "幼儿园", "小学", "超市", "KTV", "健身房")
ERROR_RATE = 0.02


def uscc(rng: random.Random) -> str:
    """A valid 统一社会信用代码 with a valid inner 组织机构代码."""
    prefix = rng.choice(PREFIXES)
    region = "13" + "".join(rng.choice("0123456789") for _ in range(4))
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    body = body.replace("I", "1").replace("O", "0")
    inner = body + org_code_check_char(body)
    if inner[-1] not in USCC_CHARSET:  # X is not in the USCC charset; redraw
        return uscc(rng)
    first17 = prefix + region + inner
    return first17 + uscc_check_char(first17)


def target_rows(rows: int, seed: int) -> Iterator[list[object]]:
    rng = random.Random(seed)
    seen: list[str] = []
    for i in range(rows):
        code = uscc(rng)
        name = f"示例县{rng.choice(SURNAMES)}{rng.choice(SURNAMES)}{rng.choice(SHOPS)}{i}"
        row: list[object] = [
            code, name, rng.choice(("企业", "个体工商户", "事业单位", "民办非企业")),
            rng.choice(SURNAMES) + "某", f"0312-{rng.randrange(1000000, 9999999)}",
            f"示例县{rng.choice(TOWNSHIPS)}{rng.randrange(1, 300)}号", rng.choice(TOWNSHIPS),
            rng.choice(CATEGORIES), f"卫字{rng.randrange(100000, 999999)}号",
            dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500)), "卫生监督所",
            rng.choice(STATUS), rng.choice(RISK), rng.choice(("是", "否", "否", "否")), None,
        ]
        if seen and rng.random() < ERROR_RATE:
            plant_error(rng, row, seen)
        seen.append(code) if len(seen) < 1000 else None
        yield row


def plant_error(rng: random.Random, row: list[object], seen: list[str]) -> None:
    kind = rng.randrange(7)
    code = str(row[0])
    if kind == 0:  # wrong check digit
        row[0] = code[:17] + ("0" if code[17] != "0" else "1")
    elif kind == 1:  # unknown enumeration value
        row[11] = "营业中断"
    elif kind == 2:  # missing required cell
        row[5] = None
    elif kind == 3:  # duplicate key
        row[0] = rng.choice(seen)
    elif kind == 4:  # a text that is not a date
        row[9] = "长期"
    elif kind == 5:  # lower case / full-width: normalised, not an error
        row[0] = code.lower()
    else:  # bad shape (letter I is not in the charset)
        row[0] = code[:5] + "I" + code[6:]


def write_registry(path: Path, rows: int, seed: int) -> None:
    schema = load_schemas()["targets"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(schema.sheet)
    ws.append([f.name for f in schema.fields])
    for row in target_rows(rows, seed):
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="one workbook")
    parser.add_argument("--folder", type=Path, help="a folder of --files workbooks")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args(argv)
    if args.folder:
        for n in range(args.files):
            write_registry(args.folder / f"股室{n:03d}.xlsx", args.rows, args.seed + n)
        print(f"wrote {args.files} workbooks of {args.rows} rows to {args.folder}")
    elif args.out:
        write_registry(args.out, args.rows, args.seed)
        print(f"wrote {args.rows} rows to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    else:
        parser.error("give --out FILE or --folder DIR")
    return 0


if __name__ == "__main__":
    sys.exit(main())
