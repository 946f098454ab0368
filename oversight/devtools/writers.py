"""Write documents the way publishers do: text blocks, Word tables, Excel ledgers, tracking forms.

Used by the demo corpus and by the round-trip tests (seed → Word/Excel → ingest → same values).
A project is a dict of label → cell text, in order; a value may hold paragraphs (a list).
"""

from __future__ import annotations

from pathlib import Path

Fields = list[tuple[str, "str | list[str]"]]


def _text(value: str | list[str], sep: str = "") -> str:
    return sep.join(value) if isinstance(value, list) else value


def eval_txt(path: Path, header: list[str], projects: list[Fields], *, paragraphs: bool = False) -> None:
    """Seed-000 layout: header lines, then per project a title and label<TAB>value lines."""
    out = ["", "", *header, ""]
    for fields in projects:
        out += ["绩效评价结果信息表", ""]
        for label, value in fields:
            if isinstance(value, list):
                value = " ".join(f"<p>{v}</p>" for v in value) if paragraphs else "；".join(value)
            out.append(f"{label}\t{value}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def eval_docx(path: Path, header: list[str], projects: list[Fields]) -> None:
    """Header paragraphs, then per project a title paragraph and a two-column table."""
    import docx

    document = docx.Document()
    for line in header:
        document.add_paragraph(line)
    for fields in projects:
        document.add_paragraph("绩效评价结果信息表")
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in fields:
            cells = table.add_row().cells
            cells[0].text = label
            _fill(cells[1], value)
    document.save(path)


def _fill(cell, value: str | list[str]) -> None:
    parts = value if isinstance(value, list) else [value]
    cell.text = parts[0] if parts else ""
    for part in parts[1:]:
        cell.add_paragraph(part)


def eval_xlsx(path: Path, title: list[str], columns: list[str], rows: list[list[object]]) -> None:
    """A ledger: title rows, a header row, one row per project."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "评价结果"
    for line in title:
        sheet.append([line])
    sheet.append(columns)
    for row in rows:
        sheet.append([_text(v, "；") if isinstance(v, list) else v for v in row])
    book.save(path)


def _box(checked: bool, html: bool) -> str:
    if html:
        return '<input checked="" type="checkbox"/>' if checked else '<input type="checkbox"/>'
    return "☑" if checked else "☐"


def choice(options: tuple[str, ...], picked: str | None, *, html: bool) -> list[str]:
    return [f"{o} {_box(o == picked, html)}" for o in options]


def tracking_rows(form: dict, *, html: bool) -> list[list[str]]:
    """Seed-001 layout as rows of cells (8 columns): the same rows go to txt or to a Word table."""
    unit_label = f"({form['money_unit']})"
    yn = ("是", "否")
    narrative = [f"<p>{p}</p>" for p in form["narrative"]] if html else form["narrative"]
    rows = [
        ["项目名称", form["name"]],
        [
            "预算单位",
            form["unit"],
            "具体实施 (内设机构)",
            form["implementer"],
            "跟踪时段",
            form["period"],
            "是否为经常性项目",
            " ".join(choice(yn, "是" if form["recurring"] else "否", html=html)),
        ],
        [
            f"当年预算数 {unit_label}",
            form["budget"],
            f"预算执行数 {unit_label}",
            form["executed"],
            "预算执行进度 (%)",
            form["rate"],
            "是否需要预算调整",
            " ".join(choice(yn, "是" if form["needs_adjustment"] else "否", html=html)),
        ],
        [
            f"调整后预算数 {unit_label}",
            form["budget"],
            f"调减金额 {unit_label}",
            form["down"],
            f"调增金额 {unit_label}",
            form["up"],
            f"事前绩效评估评审 预算{unit_label}",
            form["pre"],
        ],
        ["选择重点跟踪 理由", form["focus_reason"]],
        [" ".join(narrative) if html else "\n".join(narrative)],
        [
            " ".join(f"<p>{p}</p>" for p in ("三、阶段性跟踪结论：", form["conclusion"]))
            if html
            else f"三、阶段性跟踪结论：\n{form['conclusion']}"
        ],
        [
            "四、绩效跟踪 后项目总体判断",
            "年度项目预算 完成可能性",
            *choice(OUTLOOKS, form["budget_outlook"], html=html),
        ],
        ["", "年度绩效目标 完成可能性", *choice(OUTLOOKS, form["goal_outlook"], html=html)],
    ]
    return [[str(c) for c in row] + [""] * (8 - len(row)) for row in rows]


OUTLOOKS = ("确定能完成", "有可能完成", "确定不能完成")


def tracking_txt(path: Path, form: dict) -> None:
    rows = tracking_rows(form, html=True)
    lines = ["", "", "财政项目支出绩效运行监控（跟踪评价）（重点）", "", f"街镇名称：{form['place']}（盖章）", ""]
    lines += ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def tracking_docx(path: Path, form: dict) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("财政项目支出绩效运行监控（跟踪评价）")
    document.add_paragraph(f"街镇名称：{form['place']}（盖章）")
    rows = tracking_rows(form, html=False)
    table = document.add_table(rows=0, cols=8)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _fill(cell, value.split("\n"))
    document.save(path)


def selfeval_docx(path: Path, form: dict) -> None:
    """项目支出绩效自评表: one table, funds header row with its values below."""
    import docx

    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph(f"（{form['year']}年度）")
    table = document.add_table(rows=0, cols=7)
    table.style = "Table Grid"
    rows = [
        ["项目名称", form["name"]],
        ["主管部门", form["department"], "实施单位", form["unit"]],
        [f"项目资金（{form['money_unit']}）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", form["initial"], form["budget"], form["executed"], "10", form["rate"], form["rate_score"]],
        ["总分", form["score"], "自评等级", form["grade"]],
        ["偏差原因分析及改进措施", form["problems"]],
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, [*row, *[""] * (7 - len(row))], strict=True):
            cell.text = str(value)
    document.save(path)
