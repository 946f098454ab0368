"""Formats and wordings not covered by the seeds: Markdown, CSV (GBK), HTML tables, year wording."""

from __future__ import annotations

from pathlib import Path

from oversight.ingest.document import ingest_file

LEDGER_ROWS = [
    ["单位", "项目名称", "项目金额(元)", "评价得分", "等级", "主要问题", "改进措施", "整改情况"],
    [
        "上海市闸北区城市管理行政执法局",
        "执法记录仪采购",
        "1,234,500",
        "78.5",
        "中",
        "验收资料不完整",
        "规范验收",
        "将于2025年6月底前补齐验收资料",
    ],
    ["上海市卢湾区大数据中心", "数据中台建设", "2,000,000.00", "91", "优秀", "无", "无", "已完成"],
]


def test_markdown_pipe_table(tmp_path: Path) -> None:
    lines = ["# 2024年对2023年度项目的绩效评价结果", "", *("| " + " | ".join(r) + " |" for r in LEDGER_ROWS[:1])]
    lines += ["|---|---|---|---|---|---|---|---|", *("| " + " | ".join(r) + " |" for r in LEDGER_ROWS[1:])]
    path = tmp_path / "ledger.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    r = ingest_file(path)
    assert r.status == "ok", r.doc["messages"]
    first, second = r.evaluations
    # The fiscal year evaluated (2023年度), not the year of publication (2024年).
    assert first["year"] == second["year"] == r.doc["year"] == 2023
    assert (first["amount_wan"], first["score"], first["grade"]) == (123.45, 78.5, "中")
    assert (first["district"], second["district"]) == ("静安区", "黄浦区")  # old names → current
    assert (second["amount_wan"], second["grade"]) == (200.0, "优")
    assert first["suggestions"] == "规范验收"
    assert first["problems"] == "验收资料不完整"


def test_csv_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    title = ["上海市静安区2023年度财政支出项目绩效评价结果汇总表", *[""] * 7]
    text = "\n".join(",".join(f'"{c}"' for c in row) for row in [title, *LEDGER_ROWS])
    path.write_bytes(text.encode("gbk"))
    r = ingest_file(path)
    assert r.doc["encoding"] == "gb18030"
    assert r.doc["notes"] == ["编码: GB18030（自动识别）"]
    assert [e["amount_wan"] for e in r.evaluations] == [123.45, 200.0]
    assert r.evaluations[0]["rectification_status"] == "planned"
    assert str(r.evaluations[0]["year"]) == "2023"


def test_html_table_with_checkbox_form(tmp_path: Path) -> None:
    html = """<html><body><h2>财政项目支出绩效运行监控（跟踪评价）</h2>
    <table><tr><td>项目名称</td><td>2025年江川路街道视频监控补点</td></tr>
    <tr><td>预算单位</td><td>上海市闵行区江川路街道办事处</td><td>跟踪时段</td><td>2025-01-01 至 2025-06-30</td></tr>
    <tr><td>当年预算数(万元)</td><td>100</td><td>预算执行数(万元)</td><td>30</td><td>预算执行进度(%)</td><td>30%</td></tr>
    <tr><td>年度项目预算完成可能性</td><td>☐确定能完成 ☑有可能完成 ☐确定不能完成</td></tr>
    <tr><td>年度绩效目标完成可能性</td><td>☑确定能完成 ☐有可能完成 ☐确定不能完成</td></tr>
    <tr><td>阶段性跟踪结论</td><td>轻度偏差（执行率低于序时进度）</td></tr></table></body></html>"""
    path = tmp_path / "form.html"
    path.write_text(html, encoding="utf-8")
    r = ingest_file(path)
    (m,) = r.monitoring
    assert (m["district"], m["town"], m["year"]) == ("闵行区", "江川路街道", 2025)
    assert (m["budget_wan"], m["executed_wan"], m["execution_rate"]) == (100.0, 30.0, 0.3)
    assert (m["budget_outlook"], m["goal_outlook"], m["conclusion"]) == ("有可能完成", "确定能完成", "轻度偏差")
    assert m["light"] == "red"
    assert "落后序时进度" in m["light_rule"]
    assert "video" in m["themes"]
