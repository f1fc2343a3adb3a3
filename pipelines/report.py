"""`antt report`: one self-contained HTML page that opens offline.

The catalog (model kinds x provinces), a province comparison table for benchmarking, and a
time-series chart per metric (matplotlib, rendered to inline SVG: no script, no network).
Every number links to its article, with the exact evidence as a tooltip.
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import pandas as pd

from core.atomic import atomic_open
from core.urls import is_web_url

COMPARE = ["models_in_operation", "cameras_installed", "teams", "participants", "households", "tips_received",
           "cases_handled", "patrols"]
CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #c0392b;padding-bottom:.2em}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}th,td{border:1px solid #ddd;padding:3px 6px}
th{background:#f4f4f4;position:sticky;top:0}td.n{text-align:right}a{color:#1a5276;text-decoration:none}
a:hover{text-decoration:underline}.x{background:#d4efdf;text-align:center}.muted{color:#777}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #eee;padding:.5em;max-width:560px}
.scroll{overflow-x:auto;max-width:100%}th.kind{min-width:17em;text-align:left;font-weight:normal}
th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal;padding:4px 2px}
.chart ul{font-size:12px;padding-left:1.2em}
"""


def _num(value: float, qualifier: str | None = None) -> str:
    prefix = {"more_than": "> ", "less_than": "< ", "about": "≈ ", "at_least": "≥ ", "at_most": "≤ "}.get(qualifier or "", "")
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return prefix + text.replace(",", ".")


def _link(value, qualifier, url, evidence, date) -> str:
    if pd.isna(value):
        return ""
    title = escape(f"{evidence or ''} — {date or ''}", quote=True)
    if not is_web_url(url):  # only http(s) becomes a link: hostile input may carry `javascript:`
        return f'<span title="{title}">{_num(value, qualifier)}</span>'
    return f'<a href="{escape(str(url), quote=True)}" title="{title}">{_num(value, qualifier)}</a>'


def _matrix(presence: pd.DataFrame, models: pd.DataFrame) -> str:
    counts = presence[presence["province"] != ""].groupby(["model_kind", "province"])["articles"].sum().unstack(fill_value=0)
    order = [k for k in models["label"] if k in counts.index]
    counts = counts.loc[order]
    provinces = sorted(counts.columns)
    head = "".join(f'<th class="v">{escape(p.replace("Thành phố ", "TP "))}</th>' for p in provinces)
    rows = []
    for kind, row in counts.iterrows():
        cells = "".join(f'<td class="x" title="{int(row[p])} bài">{int(row[p])}</td>' if row[p] else "<td></td>"
                        for p in provinces)
        rows.append(f'<tr><th class="kind">{escape(kind)}</th>{cells}</tr>')
    return f"<div class='scroll'><table><tr><th class='kind'>loại mô hình</th>{head}</tr>{''.join(rows)}</table></div>"


def _comparison(places: pd.DataFrame, stats: pd.DataFrame, metrics: pd.DataFrame) -> str:
    labels = dict(zip(metrics["id"], metrics["label"], strict=True))
    evid = stats.set_index(["url", "value"])["evidence"].to_dict() if len(stats) else {}
    cols = [m for m in COMPARE if m in places.columns]
    rows = []
    view = places[places["level"].isin(["province", "local"])].sort_values(["level", "articles"], ascending=[False, False])
    has_figure = view[cols].notna().any(axis=1)
    view = view[(view["level"] == "province") | has_figure]  # local places: those with a figure to compare
    for _, r in view.iterrows():
        cells = []
        for m in cols:
            url, value = r.get(f"{m}_source"), r.get(m)
            cells.append(f'<td class="n">{_link(value, r.get(f"{m}_qualifier"), url, evid.get((url, value)), r.get(f"{m}_date"))}</td>')
        kind = "tỉnh/thành phố" if r["level"] == "province" else escape(str(r["province"]).replace("Thành phố ", "TP "))
        rows.append(f"<tr><th>{escape(str(r['name']))}</th><td class='muted'>{kind}</td>"
                    f"<td class='n'>{r['model_kinds']}</td><td class='n'>{r['articles']}</td>{''.join(cells)}</tr>")
    head = "".join(f"<th>{escape(labels.get(m, m))}</th>" for m in cols)
    return (f"<table><tr><th>nơi</th><th>cấp / tỉnh</th><th>loại mô hình</th><th>bài</th>{head}</tr>"
            f"{''.join(rows)}</table>")


def _charts(stats: pd.DataFrame, metrics: pd.DataFrame) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "antt"  # identical SVG for identical data
    labels = dict(zip(metrics["id"], metrics["label"], strict=True))
    s = stats[(stats["metric"] != "other") & stats["province"].notna() & (stats["published"] != "")]
    s = s[(s["place"] == s["province"]) & ~s["metric"].isin(["percentage", "money"])]  # province-wide counts
    # One point per article: its largest figure for the metric (the total, not the parts it lists).
    s = s.sort_values(["value", "fact_id"]).drop_duplicates(["url", "metric", "province"], keep="last")
    out = []
    for metric, group in s.groupby("metric"):
        series = {p: g.sort_values("published") for p, g in group.groupby("province") if len(g) >= 2}
        if not series:
            continue
        fig, ax = plt.subplots(figsize=(5.2, 3.0), dpi=100)
        for province, g in sorted(series.items(), key=lambda kv: -len(kv[1]))[:8]:
            ax.plot(pd.to_datetime(g["published"]), g["value"], marker="o", label=province)
        ax.set_title(f"{labels.get(metric, metric)} (số lớn nhất mỗi bài, cả tỉnh)", fontsize=9)
        ax.legend(fontsize=7)
        ax.tick_params(labelsize=7)
        fig.autofmt_xdate()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
        plt.close(fig)
        svg = buf.getvalue()
        svg = svg[svg.index("<svg"):]
        points = "".join(
            f"<li>{escape(p)}: " + ", ".join(_link(v, q, u, e, d) + f" <span class='muted'>({d})</span>"
                                            for v, q, u, e, d in zip(g["value"], g["qualifier"], g["url"],
                                                                     g["evidence"], g["published"], strict=True))
            + "</li>" for p, g in sorted(series.items()))
        out.append(f'<div class="chart" data-metric="{escape(metric)}">{svg}<ul>{points}</ul></div>')
    return f'<div class="charts">{"".join(out)}</div>' if out else "<p class='muted'>No metric has two dated figures for one province yet.</p>"


def write_report(catalog_dir: Path, out: Path) -> Path:
    t = {name: pd.read_parquet(catalog_dir / f"{name}.parquet")
         for name in ("models", "model_presence", "statistics", "places", "conflicts", "articles", "metrics")}
    n_stories = t["articles"]["story_id"].nunique()
    conflicts = t["conflicts"]
    conflict_rows = "".join(
        f"<tr><td>{r.conflict_id}</td><td>{escape(r.metric)}</td><td>{escape(str(r.place))}</td>"
        f"<td>{escape(str(r.period_key))}</td><td class='n'>{_link(r.value, r.qualifier, r.url, r.evidence, r.published)}</td>"
        f"<td>{escape(str(r.outlet))}</td></tr>" for r in conflicts.itertuples())
    html = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>ANTT Miner — báo cáo mô hình tự quản về ANTT</title><style>{CSS}</style></head><body>
<h1>Mô hình tự quản về an ninh trật tự: danh mục và số liệu</h1>
<p>{len(t['articles'])} bài báo ({n_stories} tin, bản sao đăng lại tính một lần) · {len(t['models'])} loại mô hình ·
{len(t['statistics'])} số liệu · {int((t['places']['level'] == 'province').sum())} tỉnh/thành phố.
Mọi con số dẫn tới bài báo gốc; rê chuột để xem nguyên văn.</p>
<h2>Số liệu theo thời gian</h2>{_charts(t['statistics'], t['metrics'])}
<h2>So sánh các địa phương (số liệu mới nhất)</h2><div class="scroll">{_comparison(t['places'], t['statistics'], t['metrics'])}</div>
<h2>Danh mục: loại mô hình × tỉnh/thành phố (số bài)</h2>{_matrix(t['model_presence'], t['models'])}
<h2>Số liệu mâu thuẫn</h2>
<table><tr><th>nhóm</th><th>chỉ số</th><th>nơi</th><th>kỳ</th><th>giá trị</th><th>báo</th></tr>{conflict_rows}</table>
<p class="muted">ANTT Miner · dữ liệu: catalog/ (CSV, Parquet, SQLite, datapackage.json)</p>
</body></html>"""
    with atomic_open(out) as fh:
        fh.write(html)
    return out
