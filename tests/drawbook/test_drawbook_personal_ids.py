"""A 身份证号 typed as a 统一社会信用代码 (a 个体工商户 entered under its operator's ID) is an error with a clear
message, the freeze refuses the workbook, and no public file is ever written with an ID number in it — the
public writers check every cell, whatever path the number took."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from drawbook_cases import DAY, DrawnCase, records, sheets, write_book

from addin.cli import main
from addin.core.errors import AddinError
from addin.core.ids import idcard_check_char
from addin.services.draw.notice import publish_draw
from addin.services.publish import publish

BODY = "11010119850312003"
ID_NUMBER = BODY + idcard_check_char(BODY)  # 110101198503120033: it also passes the credit code's check character
MASKED = "1101**********0033"


def _texts(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` as text: the cells of workbooks, CSV and JSON as they are."""
    found = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            found[str(path)] = "\n".join(str(v) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)
                                         for v in r if v is not None)
            wb.close()
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as zf:
                found[str(path)] = zf.read("word/document.xml").decode("utf-8")
        else:
            found[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return found


def test_an_id_number_as_credit_code_is_an_error_and_is_never_frozen(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    content = sheets()
    targets = content["检查对象名录库"]
    targets[4] = (ID_NUMBER, "张三个体浴池", "个体工商户", *targets[4][3:])
    book = write_book(tmp_path / "测试县.xlsx", content)
    assert main(["validate", str(book), "--json", "-", "--today", DAY.isoformat()]) == 1
    data = json.loads(capsys.readouterr().out)
    [problem] = [i for i in data["files"][0]["issues"] if i["code"] == "id.uscc-is-idcard"]
    assert (problem["sheet"], problem["row"], problem["column"], problem["severity"]) == ("检查对象名录库", 5, "A", "error")
    assert MASKED in problem["message"]
    assert "身份证号" in problem["message"]
    assert "营业执照" in problem["message"]
    assert ID_NUMBER not in json.dumps(data, ensure_ascii=False)

    out = tmp_path / "out"
    assert main(["freeze", str(book), "--out", str(out / "冻结.xlsx"), "--source", "test:1",
                 "--date", DAY.isoformat()]) == 1
    assert "错误" in capsys.readouterr().err
    assert main(["publish", str(book), "--out", str(out / "公示.xlsx"), "--date", DAY.isoformat()]) == 0
    assert main(["publish", str(book), "--out", str(out / "公示.csv"), "--date", DAY.isoformat()]) == 0
    written = _texts(out)
    assert not (out / "抽取证据").exists()
    public = {p: t for p, t in written.items() if "内部" not in Path(p).name}  # the record copy is internal
    assert len(public) == 2
    assert [p for p, t in public.items() if ID_NUMBER in t] == []


def _planted(drawn: DrawnCase) -> tuple[Path, str]:
    """A copy of the drawn workbook (beside it, so the evidence is found) whose first drawn business's name
    carries its operator's ID number — a value no validation rule looks into."""
    chosen = str(records(drawn.drawn.out, "抽取结果")[0]["统一社会信用代码"])
    wb = openpyxl.load_workbook(drawn.drawn.out)
    ws = wb["检查对象名录库"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == chosen:
            row[1].value = f"张三（{ID_NUMBER}）浴池"
    target = drawn.drawn.out.with_name("抽取-改.xlsx")
    wb.save(target)
    return target, chosen


def test_a_public_file_with_an_id_number_in_any_cell_is_not_written(drawn: DrawnCase) -> None:
    planted, chosen = _planted(drawn)
    out = planted.with_name("抽取公示.xlsx")
    with pytest.raises(AddinError) as err:
        publish_draw(planted, None, out, today=dt.date(2024, 5, 7))
    assert err.value.code == "publish.personal-id"
    assert MASKED in err.value.message
    assert ID_NUMBER not in err.value.message
    assert not out.exists()
    assert not out.with_suffix(".csv").exists()

    wb = openpyxl.load_workbook(planted)
    wb["检查结果"].append(("T01", chosen, dt.date(2024, 5, 10), "ZF0001、ZF0002", "现场检查", "未发现问题", "卫生健康局"))
    wb.save(planted)
    for name in ("结果公示.xlsx", "结果公示.csv"):
        with pytest.raises(AddinError) as err:
            publish(planted, planted.with_name(name), dt.date(2024, 5, 20))
        assert err.value.code == "publish.personal-id"
        assert not planted.with_name(name).exists()
    assert [p for p, t in _texts(planted.parent).items() if ID_NUMBER in t and "公示" in Path(p).name
            and "内部" not in p] == []
