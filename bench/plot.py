"""The plots committed beside the tables (matplotlib, no display needed)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)


def plot_stages(medians: list[dict], stages: list[str], path: Path) -> None:
    """Left: seconds per stage against articles (log-log), with a line of linear growth.
    Right: each stage's share of the build, so where the cost goes is seen at a glance."""
    sizes = [m["articles"] for m in medians]
    fig, (lines, shares) = plt.subplots(1, 2, figsize=(13, 4.6), gridspec_kw={"width_ratios": [1, 1.25]})
    for stage in stages:
        lines.plot(sizes, [max(m["stages"][stage]["seconds"], 1e-3) for m in medians], marker="o",
                   label=_label(stage))
    totals = [m["total_seconds"] for m in medians]
    lines.plot(sizes, totals, marker="s", color="black", linestyle="--", label="whole build")
    middle = len(sizes) // 2  # a line of slope 1 through the whole build at a middle size
    lines.plot(sizes, [totals[middle] * n / sizes[middle] for n in sizes], color="grey", linestyle=":",
               label="linear growth")
    lines.set(xscale="log", yscale="log", xlabel="articles", ylabel="wall time (s)", title="Time per stage")
    lines.grid(True, which="both", alpha=0.3)
    lines.legend(fontsize=7)
    bottom = [0.0] * len(sizes)
    for stage in stages:
        share = [m["stages"][stage]["seconds"] / sum(m["stages"][s]["seconds"] for s in stages) * 100 for m in medians]
        shares.bar([f"{s:,}" for s in sizes], share, bottom=bottom, label=_label(stage))
        bottom = [b + s for b, s in zip(bottom, share)]
    shares.set(xlabel="articles", ylabel="% of build time", title="Where the time goes")
    shares.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _label(stage: str) -> str:
    return "export (shapes checked meanwhile)" if stage == "export" else stage
