"""抽查工作方案 (ssj plan-doc): the batch's Word document — content before and after the draw, the public version
without phone numbers, IDs or per-class counts, the government-document layout, and LibreOffice's rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from drawbook_cases import DAY, DRAW_TIME, SETTINGS, DrawnCase, idcard, sheets, write_book

from addin.cli import main
from addin.core.errors import AddinError
from addin.services.draw.amend import void_batch
from addin.services.draw.draw import draw
from addin.services.draw.freeze import Frozen, freeze
from addin.services.plan_doc import plan_doc

PHONE, MOBILE = "0356-1234567", "13812345678"
HEADINGS = ("一、抽查依据", "二、抽查任务", "三、抽取方式", "四、检查时间", "五、检查方式", "六、检查组", "七、工作要求",
            "八、结果公示", "九、联系人")


def test_before_the_draw_the_plan_names_the_randomness_and_the_freeze_hash(frozen: Frozen, tmp_path: Path) -> None:
    assert frozen.out is not None
    done = plan_doc(frozen.out, tmp_path / "方案.docx", batch=None, today=DAY)
    text = done.document.text()
    assert done.plan_id == frozen.plan_id
    assert done.document.title_lines == ("测试县卫生健康局", "2024年第1批“双随机、一公开”", "抽查工作方案")
    for heading in HEADINGS:
        assert heading in text
    assert frozen.freeze_hash in text
    assert "演示用随机数（1）（test:1）" in text
    assert "不能防止操纵" in text  # a test source is said plainly not to be manipulation-proof
    assert "按比例应抽取" in text
    assert "随机源取值" not in text  # not known before the draw
    # T02 (游泳场（馆）, joint): YY01 with 2 小项 and SC01 with 2 → 2 大项、4 小项; the items' 抽查依据
    assert "抽查事项：2大项、4小项。" in text
    assert "《公共场所卫生管理条例》" in text
    assert "《企业信息公示暂行条例》" in text
    assert "配合部门：市场监督管理局、体育局" in text
    assert "委托检测：游泳场（馆）卫生检查" in text  # YY01 plans 检验检测
    assert "通过国家企业信用信息公示系统向社会公示" in text
    assert "20 个工作日" in text


def test_after_the_draw_the_plan_has_the_counts_the_teams_and_the_digests(drawn: DrawnCase, tmp_path: Path) -> None:
    assert drawn.drawn.out is not None
    result = drawn.drawn.result
    internal = plan_doc(drawn.drawn.out, tmp_path / "方案.docx", batch="第1批", today=DAY).document
    text = internal.text()
    assert result["seed"] in text
    assert result["result_digest"] in text
    assert drawn.drawn.head in text
    assert f"本批次共组成 {drawn.drawn.visits} 个检查组，检查 {drawn.drawn.targets} 户" in text
    pool = {t["task_id"].split("/")[0]: t["pool_size"] for t in result["tasks"]}
    assert f"名录库中符合条件的在营检查对象 {pool['T02']} 户，抽取 4 户" in text
    assert "A类" in text
    assert "未分类" in text
    assert f"联系电话：{PHONE}；手机：{MOBILE}" in text
    assert [a.title for a in internal.annexes] == ["抽查事项及内容", "检查组及检查对象名单（内部资料）"]
    assert "ZF000" in text  # the internal annex lists the teams with their 执法证号


def test_the_public_version_carries_no_phone_id_class_count_or_target(drawn: DrawnCase, tmp_path: Path) -> None:
    assert drawn.drawn.out is not None
    public = plan_doc(drawn.drawn.out, tmp_path / "公开.docx", batch="1", today=DAY, public=True).document
    text = public.text()
    for secret in (PHONE, MOBILE, "ZF000", "测试宾馆", "测试游泳馆", "未分类", "户、比例", "内部资料",
                   *(idcard(n) for n in range(1, 14))):
        assert secret not in text, secret
    assert not re.search(r"1[3-9]\d{9}", text)  # no mobile number of any kind
    assert "联系人：张三。" in text
    assert "A类 10%" in text or "A类10%" in text  # the plan's rates per class are published policy
    assert "检查组成员名单不对外公开" in text
    assert [a.title for a in public.annexes] == ["抽查事项及内容"]
    # 设置 › 公开检查人员姓名 = 是: names (with the department each represents), still no 执法证号
    book = write_book(tmp_path / "公开姓名.xlsx", sheets(设置=[*SETTINGS, ("公开检查人员姓名", "是")]))
    frozen = freeze(book, tmp_path / "公开姓名" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=DRAW_TIME)
    assert frozen.out is not None
    done = draw(frozen.out, tmp_path / "公开姓名" / "抽取.xlsx", randomness=[("test", "1", "drawbook")],
                now=DRAW_TIME)
    assert done.out is not None
    named = plan_doc(done.out, tmp_path / "named.docx", batch=None, today=DAY, public=True).document.text()
    assert re.search(r"人员\d+（卫生健康局）", named)
    assert "ZF000" not in named


def test_the_word_file_is_a_government_document(drawn: DrawnCase, tmp_path: Path) -> None:
    assert drawn.drawn.out is not None
    path = plan_doc(drawn.drawn.out, tmp_path / "方案.docx", batch=None, today=DAY).path
    assert path is not None
    with zipfile.ZipFile(path) as zf:
        document = zf.read("word/document.xml").decode("utf-8")
        fonts = zf.read("word/fontTable.xml").decode("utf-8")
        footers = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("word/footer"))
    assert '<w:pgSz w:w="11906" w:h="16838"' in document  # A4 portrait, in twentieths of a point
    margins = re.search(r"<w:pgMar [^>]*>", document)
    assert margins is not None
    for side, twips in (("top", 2098), ("bottom", 1984), ("left", 1587), ("right", 1474)):  # 37/35/28/26 mm
        found = re.search(rf'w:{side}="(\d+)"', margins.group(0))
        assert found is not None, side
        assert abs(int(found.group(1)) - twips) <= 2, side
    for east_asian in ("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"):
        assert f'w:eastAsia="{east_asian}"' in document, east_asian
    assert 'w:name="仿宋_GB2312"' in fonts
    assert 'w:altName w:val="仿宋"' in fonts
    assert '<w:instrText xml:space="preserve">PAGE</w:instrText>' in footers  # page numbers at the foot
    # 附件1 starts a page by its own paragraph: a page-break paragraph after a signature at the foot of a page
    # would spill onto a page of its own (the example's 方案 printed a blank page 11)
    assert 'w:type="page"' not in document
    assert re.search(r"<w:pageBreakBefore/>.*?附件1", document)


def test_batches_are_chosen_by_name_or_number_and_a_voided_one_is_refused(drawn: DrawnCase, tmp_path: Path) -> None:
    assert drawn.drawn.out is not None
    out = drawn.drawn.out
    for wanted in (drawn.frozen.plan_id, "第1批", "1", " 第 1 批 "):
        assert plan_doc(out, tmp_path / "a.docx", batch=wanted, today=DAY).plan_id == drawn.frozen.plan_id
    with pytest.raises(AddinError) as refused:
        plan_doc(out, tmp_path / "b.docx", batch="第2批", today=DAY)
    assert refused.value.code == "plan-doc.no-such-batch"
    assert drawn.frozen.plan_id in refused.value.message
    voided = void_batch(out, out.parent / "作废.xlsx", reason="名录有误", now=DRAW_TIME)
    assert voided.out is not None
    with pytest.raises(AddinError) as refused:
        plan_doc(voided.out, tmp_path / "c.docx", batch=None, today=DAY)
    assert refused.value.code == "plan-doc.voided"
    assert not (tmp_path / "c.docx").exists()


def test_evidence_changed_after_the_freeze_is_refused(frozen: Frozen, tmp_path: Path) -> None:
    assert frozen.out is not None
    pool = frozen.evidence / "pool.tsv"
    pool.write_bytes(pool.read_bytes().replace(b"\tA\t", b"\tB\t", 1))
    with pytest.raises(AddinError) as refused:
        plan_doc(frozen.out, tmp_path / "方案.docx", batch=None, today=DAY)
    assert refused.value.code == "draw.evidence-broken"


def test_the_command(drawn: DrawnCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert drawn.drawn.out is not None
    book = str(drawn.drawn.out)
    before = drawn.drawn.out.read_bytes()
    assert main(["plan-doc", book, "--batch", "1", "--out", str(tmp_path / "方案.docx"), "--public",
                 "--date", "2024-05-06"]) == 0
    assert "公开版" in capsys.readouterr().out
    assert (tmp_path / "方案.docx").stat().st_size > 0
    assert main(["plan-doc", book, "--out", str(tmp_path / "方案.txt")]) == 2
    assert main(["plan-doc", book, "--batch", "9", "--out", str(tmp_path / "x.docx")]) == 2
    assert drawn.drawn.out.read_bytes() == before


@pytest.mark.libreoffice
def test_libreoffice_prints_both_versions_on_a4(drawn: DrawnCase, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice / poppler not installed")
    assert drawn.drawn.out is not None
    internal = plan_doc(drawn.drawn.out, tmp_path / "方案.docx", batch=None, today=DAY).path
    public = plan_doc(drawn.drawn.out, tmp_path / "公开.docx", batch=None, today=DAY, public=True).path
    assert internal is not None
    assert public is not None
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(internal), str(public)], check=True,
                   timeout=240, capture_output=True)
    texts = {}
    for name in ("方案", "公开"):
        pdf = tmp_path / f"{name}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        assert "(A4)" in info
        layout = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pages = [re.sub(r"\s+", "", page) for page in layout.split("\f") if page.strip()]
        blank = [n for n, page in enumerate(pages, start=1) if re.fullmatch(r"—\d+—", page)]
        assert not blank, f"{name}: pages {blank} hold only their page number"
        texts[name] = "".join(pages)
    for text in texts.values():
        for expected in ("测试县卫生健康局", "抽查工作方案", *HEADINGS, drawn.frozen.freeze_hash, "附件1", "—1—"):
            assert expected in text, expected
    assert PHONE in texts["方案"]
    assert PHONE not in texts["公开"]
    assert MOBILE not in texts["公开"]
    assert "ZF000" in texts["方案"]
    assert "ZF000" not in texts["公开"]
