"""The plots committed beside the tables (matplotlib, no display needed)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)


def plot_stages(medians: list[dict], stages: list[str], path: Path) -> None:
    """Left: seconds per stage against articles (log-log). Right: each stage's share of the
    build, so where the cost goes is seen at a glance."""
    sizes = [m["articles"] for m in medians]
    fig, (lines, shares) = plt.subplots(1, 2, figsize=(11, 4.2))
    for stage in stages:
        lines.plot(sizes, [m["stages"][stage]["seconds"] for m in medians], marker="o", label=stage)
    lines.plot(sizes, [m["total_seconds"] for m in medians], marker="s", color="black", linestyle="--", label="whole build")
    lines.set(xscale="log", yscale="log", xlabel="articles", ylabel="wall time (s)", title="Time per stage")
    lines.grid(True, which="both", alpha=0.3)
    lines.legend(fontsize=8)
    bottom = [0.0] * len(sizes)
    for stage in stages:
        share = [m["stages"][stage]["seconds"] / m["total_seconds"] * 100 for m in medians]
        shares.bar([str(s) for s in sizes], share, bottom=bottom, label=stage)
        bottom = [b + s for b, s in zip(bottom, share)]
    shares.set(xlabel="articles", ylabel="% of build time", title="Where the time goes")
    shares.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
