"""Charts for the report that say what the figures are: inline SVG (matplotlib), no script.

One series per place, metric and scope (a province's own figures: a district's never joins
it); a point is one figure as reported, drawn by its qualifier (filled: exact; open triangle
up: "more than / at least"; open triangle down: "less than / at most"; a bar of ±10 %:
"about"), with the number of stories that gave it; a dotted line between a series' points
(nothing is known between two reports); axis titles with units; Vietnamese number format
(42.000). Coverage ratios ('7/7 thôn') are their own chart: a share, with the total.
"""

from __future__ import annotations

import io

import pandas as pd

from pipelines.collation import sort_key

MARKERS = {  # qualifier -> (marker, filled)
    "exact": ("o", True), "about": ("o", True), "more_than": ("^", False), "at_least": ("^", False),
    "less_than": ("v", False), "at_most": ("v", False),
}
LEGEND = [("o", True, "đúng số; có thanh ±10%: khoảng"), ("^", False, "hơn / ít nhất (mở)"),
          ("v", False, "dưới / tối đa (mở)")]
MAX_SERIES = 8


def vn_number(value: float, decimals: int = 0) -> str:
    """42000 -> '42.000', 2.5 -> '2,5': the format the tables use."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "antt"  # identical SVG for identical data
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: selectable, searchable
    return plt


def points(stats: pd.DataFrame) -> pd.DataFrame:
    """The province-wide figures to draw: one per article, metric and province (its largest: the
    total, not the parts it lists), then one point per date, value and qualifier with the
    number of stories that gave it."""
    s = stats[(stats["metric"].astype(str) != "other") & stats["province"].notna() & (stats["published"] != "")]
    s = s[(s["place"].astype(str) == s["province"].astype(str)) & ~s["metric"].isin(["percentage", "money"])]
    s = s[s["total"].isna()] if "total" in s.columns else s
    s = s[~s["planned"].fillna(False).astype(bool)] if "planned" in s.columns else s  # targets are not results
    s = s.sort_values(["value", "fact_id"]).drop_duplicates(["url", "metric", "province"], keep="last")
    g = s.groupby(["metric", "province", "published", "value", "qualifier"], observed=True, sort=False)
    out = g.agg(sources=("story_id", "nunique"), url=("url", "first"), evidence=("evidence", "first"),
                fact_id=("fact_id", "first")).reset_index()
    return out.sort_values(["metric", "province", "published"], kind="stable")


def coverage_points(stats: pd.DataFrame) -> pd.DataFrame:
    """Coverage ratios as shares: value/total per place, with the total."""
    if "total" not in stats.columns:
        return stats.iloc[:0]
    s = stats[stats["total"].notna() & (stats["total"] > 0) & stats["place"].notna() & (stats["published"] != "")]
    return s.assign(share=s["value"] / s["total"], series=s["place"].astype(str)).sort_values(
        ["series", "published"], kind="stable")


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def metric_chart(metric: str, label: str, unit: str, pts: pd.DataFrame) -> str | None:
    """One metric's chart (SVG), its series in Vietnamese order of the province; None unless
    some province has two dated figures (one figure per place is a comparison, in the table)."""
    if pts.empty or pts.groupby("province", observed=True).size().max() < 2:
        return None
    plt = _plt()
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    series = sorted(pts.groupby("province", observed=True), key=lambda kv: (-len(kv[1]), sort_key(kv[0])))
    series = sorted(series[:MAX_SERIES], key=lambda kv: sort_key(kv[0]))
    fig, ax = plt.subplots(figsize=(5.2, 3.2), dpi=100)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (province, g) in enumerate(series):
        color = colors[i % len(colors)]
        x = pd.to_datetime(g["published"].astype(str))
        ax.plot(x, g["value"], linestyle=":", linewidth=1, color=color)
        for xi, (_, r) in zip(x, g.iterrows(), strict=True):
            marker, filled = MARKERS.get(str(r["qualifier"]), ("o", True))
            ax.plot([xi], [r["value"]], marker=marker, markersize=7, color=color,
                    markerfacecolor=color if filled else "white", markeredgewidth=1.5)
            if r["qualifier"] == "about":
                ax.errorbar([xi], [r["value"]], yerr=[[0.1 * r["value"]], [0.1 * r["value"]]], color=color,
                            capsize=3, linewidth=1)
            ax.annotate(f"{int(r['sources'])} nguồn", (xi, r["value"]), textcoords="offset points", xytext=(5, 5),
                        fontsize=6, color="#555")
        ax.plot([], [], color=color, marker="o", linestyle=":", label=str(province).replace("Thành phố ", "TP "))
    ax.set_title(f"{label}: số liệu toàn tỉnh/thành phố", fontsize=9)
    ax.set_ylabel(f"{label} ({unit})", fontsize=8)
    ax.set_xlabel("ngày đăng bài", fontsize=8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: vn_number(v)))
    ax.set_ylim(bottom=0)
    ax.tick_params(labelsize=7)
    fig.autofmt_xdate()
    handles, _ = ax.get_legend_handles_labels()
    keys = [Line2D([], [], marker=m, linestyle="", color="#444", markerfacecolor="#444" if f else "white", label=t)
            for m, f, t in LEGEND]
    first = ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      title="tỉnh/thành phố", title_fontsize=7, frameon=False)
    ax.add_artist(first)
    ax.legend(handles=keys, fontsize=7, loc="lower left", bbox_to_anchor=(1.01, 0.0), title="dấu: cách báo nêu số",
              title_fontsize=7, frameon=False)
    svg = _svg(fig)
    plt.close(fig)
    return svg


def coverage_chart(pts: pd.DataFrame) -> str | None:
    if pts.empty:
        return None
    plt = _plt()
    from matplotlib.ticker import PercentFormatter

    fig, ax = plt.subplots(figsize=(5.6, 3.2), dpi=100)
    for place, g in sorted(pts.groupby("series"), key=lambda kv: sort_key(kv[0]))[:MAX_SERIES]:
        x = pd.to_datetime(g["published"].astype(str))
        ax.plot(x, g["share"] * 100, marker="s", linestyle=":", label=str(place))
        for xi, (_, r) in zip(x, g.iterrows(), strict=True):
            ax.annotate(f"{vn_number(r['value'])}/{vn_number(r['total'])} {r['unit']}", (xi, r["share"] * 100),
                        textcoords="offset points", xytext=(4, -10), fontsize=6, color="#555")
    ax.set_title("Tỉ lệ bao phủ (số đơn vị có mô hình / tổng số)", fontsize=9)
    ax.set_ylabel("tỉ lệ (%)", fontsize=8)
    ax.set_xlabel("ngày đăng bài", fontsize=8)
    ax.yaxis.set_major_formatter(PercentFormatter())
    ax.set_ylim(0, 105)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.autofmt_xdate()
    svg = _svg(fig)
    plt.close(fig)
    return svg
