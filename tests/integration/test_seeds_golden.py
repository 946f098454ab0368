"""Golden tests: the two seeds become exactly what docs/LAKE.md says, field by field."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import SEED_000, SEED_001, rows

# (name, 决算金额 万元, 评价分值, line of 项目名称) in source order, from LAKE.md and the seed itself.
SEED_000_PROJECTS = [
    ("2017-2018 年度嘉定区联勤网格化中心硬件运维项目", 32.0, 95.96, 8, "ops"),
    ("2017-2018 年联勤网格化软件运维", 66.6, 94.0, 19, "ops"),
    ("应急管理信息系统深化", 11.82, 96.5, 30, "emergency"),
    ("应急工作传真数字化备份", 28.03, 96.0, 41, "emergency"),
    ("社会评估测评", 37.96, 92.0, 52, "survey"),
    ("2018 年系统安全等级测评", 5.0, 98.0, 63, "security"),
    ("联勤和城市网格化综合管理信息系统（深化）", 29.16, 93.5, 74, "grid"),
    ("嘉定区公共安全视频监控建设联网应用项目 (综治应用)", 1422.81, 95.0, 85, "video"),
]


@pytest.fixture(scope="module")
def docs(seed_lake):
    return {d["source_name"]: d for d in rows(seed_lake, "documents")}


@pytest.fixture(scope="module")
def evaluations(seed_lake):
    return sorted(rows(seed_lake, "evaluations"), key=lambda r: r["line_no"])


def test_seed_000_document(docs):
    d = docs[SEED_000.name]
    assert d["doc_kind"] == "evaluation_result"
    assert d["year"] == 2018
    assert d["unit"] == "上海市联勤和城市网格化综合管理中心"
    assert d["district"] == "嘉定区"
    assert d["town"] is None
    assert d["records"] == 8
    assert d["demo"] is False
    assert d["status"] == "warning"
    assert d["doc_id"] == "45ee1b1406b74e90bc94ef7af7f49def9fbf31484770a2ff2d761c4b607e06af"
    assert d["messages"] == [
        "第3行 区: 表头未写明区，按项目名称和正文推断为嘉定区（提及 9 次）",
        "第14行 整改建议: 文字似乎被截断（以“效管理水平和”结尾）",
    ]


def test_seed_000_eight_projects_all_excellent(evaluations):
    assert [
        (e["name"], e["amount_wan"], e["score"], e["line_no"], e["category"]) for e in evaluations
    ] == SEED_000_PROJECTS
    for e in evaluations:
        assert (e["grade"], e["grade_by_score"]) == ("优", "优")
        assert (e["year"], e["district"], e["unit"]) == (2018, "嘉定区", "上海市联勤和城市网格化综合管理中心")
        assert e["town"] is None
        assert e["eval_type"] is None
        assert e["department"] is None
        assert e["evaluator"] is None
        assert e["budget_wan"] is None
        assert e["execution_rate"] is None
    assert sum(e["amount_wan"] for e in evaluations) == pytest.approx(1633.38)
    assert len({e["project_id"] for e in evaluations}) == 8


def test_seed_000_themes(evaluations):
    video = evaluations[7]
    assert "video" in video["themes"]
    for e in evaluations:
        if any(w in e["name"] for w in ("联勤", "网格化")):
            assert "grid" in e["themes"], e["name"]


def test_seed_000_continuation_lines_belong_to_the_same_field(evaluations):
    video = evaluations[7]
    text = video["achievements"]
    assert text.startswith("(一) 视频共享平台\n视频共享平台和公安视频联网平台实现视频流对接共享")
    for section in ("（六）智能化数据分析系统", "（七）“全勤通”移动终端平台", "（八）完成建设综治视联网子系统。"):
        assert section in text
    assert text.endswith("满足综合治理对高清视频通信、培训、应急指挥等工作需求。")
    assert json.loads(video["field_lines"])["achievements"] == [89, 91]
    assert "<" not in text
    assert ">" not in text
    assert video["problems"].startswith("存在部分功能未能得到有效应用")
    assert video["rectification"] == "于项目完全竣工前解决相关问题。"


def test_seed_000_text_fields_are_plain(evaluations):
    first = evaluations[0]
    assert first["suggestions"] == "加强绩效目标申报工作的学习，提高预算绩效管理水平和"
    assert first["problems"] == "绩效项目申报工作有待进一步完善"
    fax = evaluations[3]
    assert fax["achievements"] == (
        "1、传真系统整合到网格化管理中心信息化架构中。\n2、传真数据的传输和管理效率提升 20 倍以上。\n"
        "3、应急平台整体和其他核心数据得到充分保护，信息安全保护等级上升一个层次。"
    )


def test_seed_000_rectification_items(seed_lake, evaluations):
    items = rows(seed_lake, "rectifications")
    by_project = {}
    for i in items:
        by_project.setdefault(i["project_id"], []).append(i)
    first = sorted(by_project[evaluations[0]["project_id"]], key=lambda i: i["seq"])
    assert [(i["seq"], i["status"], i["evidence"]) for i in first] == [(1, "planned", "今后"), (2, "planned", "将")]
    assert first[0]["action"].startswith("1、今后，区中心安排跨年度一次性项目预算时")
    assert first[1]["action"] == "2、区中心将定期举行相关培训会，进一步规范操作流程。"
    assert first[0]["problem"] == "绩效项目申报工作有待进一步完善"
    video = by_project[evaluations[7]["project_id"]]
    assert [(i["status"], i["evidence"], i["due_date"]) for i in video] == [("planned", "于项目完全竣工前", None)]
    statuses = [e["rectification_status"] for e in evaluations]
    assert statuses == ["planned", "in_progress", "done", "in_progress", "done", "done", "done", "planned"]
    assert len(items) == 11  # 2+1+1+3+1+1+1+1


def test_seed_001_document(docs):
    d = docs[SEED_001.name]
    assert (d["doc_kind"], d["year"], d["unit"], d["district"], d["town"]) == (
        "tracking_monitor",
        2024,
        "华漕镇城市运行管理中心",
        "闵行区",
        "华漕镇",
    )
    assert d["records"] == 1
    assert d["status"] == "warning"
    assert d["messages"] == [
        "第9行 金额单位: 表头标为（元），但正文以万元写出相同数额（1.225、1.225、1.225）；按万元入库",
        "第10行 调减金额: 调减 56.875 万元，占年初预算 58.1 万元的 97.89%，超过一半",
        "第10行 预算执行进度: 执行率 100.0% 按调减后的预算计算；按年初预算仅 2.1%",
    ]


def test_seed_001_monitoring_row(seed_lake):
    (m,) = rows(seed_lake, "monitoring")
    expected = {
        "year": 2024,
        "unit": "华漕镇城市运行管理中心",
        "district": "闵行区",
        "town": "华漕镇",
        "name": "2024年华漕镇“一网统管”信息化建设及运维+智能信息数据归集和应用项目",
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 8, 31),
        "recurring": False,
        "budget_initial_wan": 58.1,
        "budget_wan": 1.225,
        "executed_wan": 1.225,
        "execution_rate": 1.0,
        "adjust_down_wan": 56.875,
        "adjust_up_wan": 0.0,
        "pre_assessment_wan": 84.0,
        "needs_adjustment": False,
        "conclusion": "运行正常",
        "conclusion_text": "运行正常（执行率和目标完成度均在75%以上）",
        "budget_outlook": "确定能完成",
        "goal_outlook": "确定能完成",
        "light": "green",
        "focus_reason": "2024年区委、区政府及本级政府或本部门重点工作项目",
        "category": "cityops",
        "implementer": "华漕镇城市运行管理中心",
        "line_no": 7,
        "demo": False,
    }
    assert {k: m[k] for k in expected} == expected
    assert "video" in m["themes"]
    assert {"grid", "cityops"} & set(m["themes"])
    assert m["time_elapsed"] == pytest.approx(244 / 366)
    assert "本项目2024年初预算安排为58.1万元" in m["narrative"]


def test_source_lines_are_kept_for_the_detail_page(seed_lake, evaluations):
    lines = {(r["doc_id"], r["line_no"]): r for r in rows(seed_lake, "lines")}
    e = evaluations[0]
    assert lines[(e["doc_id"], e["line_no"])]["text"] == "项目名称\t2017-2018 年度嘉定区联勤网格化中心硬件运维项目"
    assert lines[(e["doc_id"], 9)]["ref"] == "第9行"
    assert lines[(e["doc_id"], 34)]["text"].startswith("主要绩效\t1. 构建嘉定应急指挥一张图")
