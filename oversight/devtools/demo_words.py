"""The demo corpus's vocabulary: places, grades, project name templates and the phrases documents are made of.

The generator's truth never comes from oversight.domain (the code under test): its places are read
here from the gazetteer file, its grades and lights are its own choices (demo_projects, demo_forms).
"""

from __future__ import annotations

import csv
from functools import lru_cache

from oversight.paths import GEO_DIR

YEARS = range(2018, 2026)
GRADES = ("优", "良", "中", "差")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[str, str], ...]:
    """(town, district) for every 街道/镇/乡 in data/geo/shanghai_towns.csv, in file order."""
    with (GEO_DIR / "shanghai_towns.csv").open(encoding="utf-8") as f:
        return tuple((row["town"], row["district"]) for row in csv.DictReader(f))


def districts() -> tuple[str, ...]:
    """The 16 districts in the gazetteer's (code) order."""
    return tuple(dict.fromkeys(d for _, d in gazetteer()))


# (category, name template). {p} is a place (district, town or nothing), {y} the year.
TEMPLATES: list[tuple[str, str]] = [
    ("video", "{p}公共安全视频监控建设联网应用项目"),
    ("video", "{p}雪亮工程视频监控点位扩容"),
    ("video", "{p}视频联网共享平台建设"),
    ("video", "{p}公共区域监控摄像头补点建设"),
    ("grid", "{p}网格化综合管理系统（深化）"),
    ("grid", "{p}大联勤工作站建设"),
    ("grid", "{p}网格化管理平台升级"),
    ("cityops", "{p}“一网统管”城运平台建设"),
    ("cityops", "{p}城市运行管理中心指挥大厅建设"),
    ("emergency", "{p}应急管理信息系统深化"),
    ("emergency", "{p}防汛防台指挥系统建设"),
    ("emergency", "{p}应急值守平台升级"),
    ("ops", "{y}年{p}网格化中心硬件运维项目"),
    ("ops", "{p}城运平台软件运维服务"),
    ("ops", "{p}视频监控设备维保"),
    ("security", "{y}年{p}信息系统安全等级测评"),
    ("security", "{p}网络安全等保测评"),
    ("survey", "{p}社会评估测评"),
    ("survey", "{p}城市管理满意度第三方测评"),
    ("data", "{p}公共数据归集与治理项目"),
    ("it", "{p}电子政务办公系统建设"),
]
# Video and grid projects are the common ones (the map's two layers).
WEIGHTS = [6, 5, 4, 4, 5, 3, 3, 3, 2, 2, 2, 2, 3, 3, 3, 2, 2, 2, 2, 2, 2]

PROBLEMS = [
    "绩效目标申报工作有待进一步完善",
    "部分功能未能得到有效应用",
    "预算执行率偏低",
    "项目验收资料不完整",
    "合同管理不够规范",
    "绩效指标设置不够细化量化",
    "资金支付进度滞后于计划",
    "运维响应时效有待提高",
    "设备在线率未达到合同约定",
    "测评报告及时性有待提高",
    "及时沟通性有待加强",
    "部门间数据共享不畅",
]
FIXES = [
    "绩效目标申报的培训",
    "系统功能的推广应用",
    "预算编制与支付节点的衔接",
    "验收资料的归档补齐",
    "合同履约的过程管理",
    "绩效指标的细化量化",
    "资金支付计划的执行",
    "运维响应的考核机制",
    "设备巡检与故障修复",
    "测评工作的进度管理",
    "例会与沟通机制",
    "跨部门数据共享机制",
]
SUGGESTIONS = [
    "加强绩效目标申报工作的学习，提高预算绩效管理水平",
    "进一步完善系统建设，加强功能的有效应用",
    "加强合同履约管理，规范项目验收",
    "合理安排预算，提高资金使用效益",
    "需加强日常例会、日常监管等日常管理环节",
]
ACHIEVEMENTS = [
    "项目总体组织比较规范，项目目标完成情况总体良好。",
    "系统运行稳定，平台运行良好，确保了各项工作的正常运行。",
    "提升了城市管理精细化水平，群众满意度较高。",
]
FOCUS = ["{y}年区委、区政府及本级政府或本部门重点工作项目", "{y}年度重点民生实事项目", "预算金额较大的项目"]
CONCLUSIONS = {"green": "运行正常", "yellow": "轻度偏差", "red": "严重偏差"}
