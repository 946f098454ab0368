"""A 嘉定区 evaluation whose amounts are labelled 元 but written in 万元 (86.5 元 cannot pay for a
year's grid patrols) and whose grades are written only in sentences: what 人工核对 is for.

Read as: 网格化巡查 amount 0.00865 万元 (unsure), score 91.5, grade 良 from a sentence (likely; and
良 against 91.5's band 优); 视频监控运维 amount 0.01204 万元 (unsure), score 84, grade 良 from a sentence.
"""

from __future__ import annotations

from pathlib import Path

GRID, VIDEO = "嘉定区网格化巡查服务项目", "嘉定区视频监控运维项目"
TEXT = f"""嘉定区城市运行管理中心2023年度项目支出绩效评价结果公告

一、{GRID}
项目名称：{GRID}
主管部门：嘉定区城市运行管理中心
决算金额（元）：86.5
评价分值：91.5
经第三方机构评价，该项目绩效评价等次为良。

二、{VIDEO}
项目名称：{VIDEO}
主管部门：嘉定区城市运行管理中心
决算金额（元）：120.4
评价分值：84
经第三方机构评价，该项目绩效评价等次为良。
"""


def write(folder: Path, name: str = "jiading_review_2023.txt", text: str = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
