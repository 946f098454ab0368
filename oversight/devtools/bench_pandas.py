"""The same page data with pandas over CSV, the way a typical Streamlit app computes it (for the ratio)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from oversight.devtools.synthetic_lake import TODAY


def pandas_pages(csv_dir: Path, f: dict) -> dict[str, float]:
    """The overview/ranking/rectification/monitoring data with pandas over CSV, per call (ms)."""
    out = {}
    start = time.perf_counter()
    ev = pd.read_csv(csv_dir / "evaluations.csv")
    load = (time.perf_counter() - start) * 1000

    def scoped(df: pd.DataFrame) -> pd.DataFrame:
        if "district" in f:
            df = df[df["district"] == f["district"]]
        if "years" in f:
            df = df[df["year"].isin(f["years"])]
        return df

    start = time.perf_counter()
    e = scoped(ev)
    _ = (len(e), e["amount_wan"].sum(), e["score"].mean(), (e["score"] * e["amount_wan"]).sum() / e["amount_wan"].sum())
    _ = e.groupby("grade").agg(projects=("score", "size"), amount=("amount_wan", "sum"))
    _ = e.nsmallest(10, "score")
    _ = e.groupby("year")["score"].mean()
    out["overview"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    e = scoped(ev)
    _ = e.sort_values("score").head(100)
    _ = e.groupby(["unit", "district"]).agg(n=("score", "size"), mean=("score", "mean"), low=("score", "min"))
    out["ranking"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    items = pd.read_csv(csv_dir / "rectifications.csv", parse_dates=["due_date"])
    e = scoped(ev)
    joined = items.merge(e[["project_id", "name"]], on="project_id")
    joined["overdue"] = (joined["status"] != "done") & (joined["due_date"] < pd.Timestamp(TODAY))
    _ = joined.sort_values(["overdue", "due_date"], ascending=[False, True]).head(200)
    _ = joined.groupby(["unit", "status"]).size()
    out["rectification"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    mon = scoped(pd.read_csv(csv_dir / "monitoring.csv"))
    _ = mon.sort_values("execution_rate").groupby("light").size()
    out["monitoring"] = (time.perf_counter() - start) * 1000
    return out
