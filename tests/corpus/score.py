# Provenance: copied unchanged from shared/realdocs/score.py (the scorer that came with the eight
# real published documents and their hand readings). One change: documents are matched to their
# expected file by stem, so .md, .csv and .html documents score too (the original assumed .txt).
# Used here for tests/corpus/realistic: score.py DOCS_DIR EXPECTED_DIR LAKE_DIR MIN.
"""Field accuracy of a lake built from real published documents, against a reading made by hand.

usage: score.py LAKE_DIR [MIN_ACCURACY]        (documents and expected readings: beside this file)
       score.py DOCS_DIR EXPECTED_DIR LAKE_DIR MIN_ACCURACY
A field counts when the expected file states it. Prints per-document scores, then the total;
exits 1 below MIN_ACCURACY (default 0.85).
"""
import json
import pathlib
import re
import sys
import unicodedata

import duckdb

if len(sys.argv) >= 4:
    docs_dir, exp_dir, lake, need = (pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), float(sys.argv[4]))
elif len(sys.argv) >= 2:
    here = pathlib.Path(__file__).resolve().parent
    docs_dir, exp_dir, lake = here / "docs", here / "expected", pathlib.Path(sys.argv[1])
    need = float(sys.argv[2]) if len(sys.argv) > 2 else 0.85
else:
    sys.exit(__doc__)
con = duckdb.connect()


def table(name):
    f = lake / f"{name}.parquet"
    src = f"read_parquet('{f}')" if f.exists() else f"read_parquet('{lake / name}/**/*.parquet')"
    try:
        return con.sql(f"select * from {src}").df()
    except Exception:
        return None


def norm(s):
    s = unicodedata.normalize("NFKC", str(s or ""))
    return re.sub(r"[\s\"“”'‘’]", "", s)


def eq(a, b):
    """a == b, where a missing value (None, NaN, pandas NA) is never equal."""
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


GRADE = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
docs, ev, mon = table("documents"), table("evaluations"), table("monitoring")
if docs is None:
    print("heldout: lake unreadable")
    sys.exit(1)
rows = []
for t, kind in ((ev, "evaluation"), (mon, "monitoring")):
    if t is not None:
        for r in t.to_dict("records"):
            r["_table"] = kind
            rows.append(r)
doc_by_name = {pathlib.Path(d.source_name).stem + ".txt": d for d in docs.itertuples()}
got_total = want_total = 0
for ef in sorted(exp_dir.glob("*.json")):
    e = json.loads(ef.read_text())
    src = ef.stem + ".txt"
    d = doc_by_name.get(src)
    got = want = 0
    misses = []

    def score(ok, what):
        nonlocal_vars["got"] += ok
        nonlocal_vars["want"] += 1
        if not ok:
            misses.append(what)

    nonlocal_vars = {"got": 0, "want": 0}
    kind_ok = d is not None and (d.doc_kind == e["doc_kind"] or (e["doc_kind"] == "evaluation_report" and d.doc_kind == "evaluation_result"))
    score(bool(kind_ok), f"kind {e['doc_kind']}")
    mine = [r for r in rows if d is not None and r.get("doc_id") == d.doc_id]
    if e.get("year"):
        score(d is not None and eq(d.year, e["year"]), f"year {e['year']}")
    if e.get("district"):
        score(d is not None and eq(d.district, e["district"]), f"district {e['district']}")
    for p in e.get("projects", []):
        if p.get("name"):
            want_name = norm(p["name"])
            match = [r for r in mine if norm(r.get("name")) and (norm(r["name"]) in want_name or want_name in norm(r["name"]))]
            r = match[0] if match else None
            score(r is not None, f"project {p['name'][:20]}")
        else:  # the document states no name: its one project, if it read one
            p = dict(p, name="(unnamed)")
            r = mine[0] if len(mine) == 1 else None
        for key, col, tol in (("amount_wan_yuan", "amount_wan", 1e-3), ("budget_wan_yuan", "budget_wan", 1e-3),
                              ("executed_wan_yuan", "executed_wan", 1e-3), ("score", "score", 1e-6),
                              ("execution_rate", "execution_rate", 5e-4)):
            if key in p and p[key] is not None:
                v = r.get(col) if r else None
                score(v is not None and v == v and abs(float(v) - float(p[key])) <= tol * max(1, abs(float(p[key]))), f"{p['name'][:12]} {col}={p[key]}")
        if p.get("grade"):
            g = GRADE.get(p["grade"], p["grade"])
            score(r is not None and eq(r.get("grade"), g), f"{p['name'][:12]} grade={g}")
        for key in ("problems", "suggestions", "rectification"):
            if p.get(key):
                score(r is not None and bool(r.get(key)) and norm(p[key])[:15] in norm(r.get(key)), f"{p['name'][:12]} {key}")
    got, want = nonlocal_vars["got"], nonlocal_vars["want"]
    got_total += got
    want_total += want
    print(f"{ef.stem}: {got}/{want}" + (f"  missed: {'; '.join(misses[:4])}" if misses else ""))
acc = got_total / want_total if want_total else 0
print(f"field accuracy: {got_total}/{want_total} = {acc:.0%} (bar {need:.0%})")
sys.exit(0 if acc >= need else 1)
