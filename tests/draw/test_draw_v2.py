"""draw-v2 (``docs/draw-v2.md``): its vectors reproduced by the engine, ``ssj draw-v2``, the independent naive
reading and the stdlib verifier; businesses in several categories; draw-v1 evidence still verified as draw-v1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from draw_cases import VECTORS

from addin.cli import main
from addin.core.draw import (
    FILE_NAMES,
    append_randomness,
    append_result,
    build_pool_tsv,
    parse_inputs,
    parse_pool,
    parse_randomness,
    result_bytes,
    run_draw,
    start,
)
from addin.core.errors import AddinError
from addin.services.draw.evidence import (
    verify_folder,
    write_inputs,
    write_log,
    write_randomness,
    write_result,
)

ROOT = Path(__file__).resolve().parents[2]
V2 = ROOT / "tests" / "data" / "draw_vectors_v2"
NAMES = ["multi", "coordinated"]


def _files(folder: Path) -> dict[str, bytes]:
    return {key: (folder / name).read_bytes() for key, name in FILE_NAMES.items()}


@pytest.mark.parametrize("name", NAMES)
def test_engine_and_command_reproduce_the_v2_vectors(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    folder = V2 / name
    inputs = parse_inputs(_files(folder))
    assert inputs.plan.spec == "draw-v2"
    values, _ = parse_randomness((folder / "randomness.json").read_bytes(), inputs.plan)
    expected = (folder / "expected.json").read_bytes()
    assert result_bytes(run_draw(inputs, values)) == expected
    assert main(["draw-v2", str(folder)]) == 0
    assert capsysbinary.readouterr().out == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_naive_reading_agrees_byte_for_byte(name: str) -> None:
    naive = subprocess.run([sys.executable, str(ROOT / "bench" / "naive_draw.py"), str(V2 / name)],
                           capture_output=True, check=True)
    assert naive.stdout == (V2 / name / "expected.json").read_bytes()


def test_each_command_computes_only_its_own_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw-v1", str(V2 / "multi")]) == 2
    assert "ssj draw-v2" in capsys.readouterr().err
    assert main(["draw-v2", str(VECTORS / "small")]) == 2
    assert "ssj draw-v1" in capsys.readouterr().err


def test_the_stdlib_verifier_recomputes_every_task_of_the_v2_vectors() -> None:
    for name in NAMES:
        folder = V2 / name
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        for task in plan["tasks"]:
            run = subprocess.run(
                [sys.executable, str(ROOT / "tools" / "verify_selection.py"), "--pool", str(folder / "pool.tsv"),
                 "--plan", str(folder / "plan.json"), "--result", str(folder / "expected.json"),
                 "--task", task["task_id"]], capture_output=True, text=True, check=False)
            assert run.returncode == 0, run.stdout
            assert "OK: the published selection agrees." in run.stdout


def test_a_business_in_several_categories_is_in_each_scope_and_one_visit() -> None:
    folder = V2 / "multi"
    inputs = parse_inputs(_files(folder))
    result = json.loads((folder / "expected.json").read_bytes())
    labels = {t.entity_id: t.industries for t in inputs.pool}
    hospitals = {e for e, ls in labels.items() if {"医疗机构/", "放射卫生/"} <= set(ls)}
    assert hospitals
    for task in result["tasks"]:
        wanted = {"2024-06/卫生健康局/医疗卫生": "医疗机构/", "2024-10/卫生健康局/放射卫生": "放射卫生/"}.get(task["task_id"])
        if wanted:
            assert task["pool_size"] == sum(1 for ls in labels.values() if wanted in ls)
    # drawn by the 医疗机构 and the 放射卫生 tasks: one unit, one team with both expertises
    both = [u for u in result["units"]
            if {"2024-06/卫生健康局/医疗卫生", "2024-10/卫生健康局/放射卫生"} <= set(u["tasks"])]
    assert both
    for unit in both:
        assert len(unit["entities"]) == 1
        assert {s["tag"] for s in unit["team"] if s["dept"]} >= {"医疗卫生", "放射卫生"}
    ids = [e for u in result["units"] for e in u["entities"]]
    assert len(ids) == len(set(ids))  # never two visits to one business


def test_v2_labels_are_canonical_and_v1_keeps_its_whole_field() -> None:
    data = build_pool_tsv([("91A", "A", ["放射卫生/", "医疗机构/", "放射卫生/"], "城关镇/")])
    assert data == "91A\tA\t医疗机构/ 放射卫生/\t城关镇/\n".encode()
    assert parse_pool(data, "draw-v2")[0].industries == ("医疗机构/", "放射卫生/")
    assert parse_pool(data, "draw-v1")[0].industries == ("医疗机构/ 放射卫生/",)
    for bad in ("放射卫生/ 医疗机构/", "医疗机构/  放射卫生/", "医疗机构/ 医疗机构/", " 医疗机构/"):
        with pytest.raises(AddinError) as err:
            parse_pool(f"91A\tA\t{bad}\t城关镇/\n".encode(), "draw-v2")
        assert err.value.code == "draw.not-canonical"


def _evidence(folder: Path, source: Path) -> Path:
    files = _files(source)
    write_inputs(folder, files)
    inputs = parse_inputs(files)
    values, _ = parse_randomness((source / "randomness.json").read_bytes(), inputs.plan)
    write_randomness(folder, (source / "randomness.json").read_bytes())
    result = run_draw(inputs, values)
    write_result(folder, result)
    write_log(folder, append_result(append_randomness(start(inputs), values), result))
    return folder


@pytest.mark.parametrize("source", [VECTORS / "joint", V2 / "multi"], ids=["draw-v1", "draw-v2"])
def test_verify_applies_the_version_the_evidence_names(source: Path, tmp_path: Path) -> None:
    folder = _evidence(tmp_path / "证据", source)
    assert verify_folder(folder).difference is None
    log = [json.loads(line) for line in (folder / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log[0]["body"]["spec"] == json.loads((source / "plan.json").read_bytes())["spec"]
    # the same evidence read under the other version's scope rule would differ: the version is not cosmetic
    pool = (folder / "pool.tsv").read_bytes()
    if b" " in pool.split(b"\t")[2]:
        plan = json.loads((folder / "plan.json").read_bytes())
        plan["spec"] = "draw-v1"
        (folder / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        assert verify_folder(folder).difference is not None
