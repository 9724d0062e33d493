"""Every plot a user can ask for is drawn, in the terminal (plotext, 80 columns) and as a PNG
(matplotlib): every demo's plots and every `mlkata stats` plot, on empty and seeded histories."""

from __future__ import annotations

import re
import struct
from datetime import date, datetime, time, timedelta, timezone

import pytest

from mlkata import demos, terminal
from mlkata.demos import Plot, Series
from mlkata.store import connect
from study_helpers import check, make_bank, uninstall_cards

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def text_of(plot, width=80, height=16) -> list[str]:
    return ANSI.sub("", terminal.plot_text(plot, width=width, height=height)).splitlines()


@pytest.fixture(scope="module")
def results():
    return {name: m.run(seed=0) for name, m in demos.modules().items()}


def test_every_demo_plot_draws_in_80_columns_and_as_a_png(results, tmp_path):
    assert results
    for name, r in results.items():
        for plot in r.plots:
            lines = text_of(plot)
            assert lines and max(len(ln) for ln in lines) <= 80, (name, plot.title)
            assert len(lines) <= 16, (name, plot.title)
        png = tmp_path / f"{name}.png"
        terminal.save_png(r.plots, str(png), r.title)
        w, h = png_size(png)
        assert 400 <= w <= 1200 and 300 <= h <= 1200 and w / h < 3, (name, w, h)


def test_the_masking_demo_runs_from_the_cli_with_its_log_axis(mlkata, tmp_path):
    png = tmp_path / "m.png"
    r = mlkata("demo", "masking", "--png", str(png))
    assert r.exit_code == 0, r.output
    assert "what this shows" in r.output and png.is_file()


def test_log_axes_leave_out_what_they_cannot_show(tmp_path):
    # a zero on a log axis is log10(0): the point is left out, never a crash
    p = Plot("t", "x", "y", [Series("s", [0.0, 1.0, 10.0, 100.0], [0.0, 1e-30, 0.5, float("nan")])], logx=True, logy=True)
    lines = text_of(p)
    assert any("1e-30" in ln or "1e-3" in ln for ln in lines)  # short labels, not 0.000…
    assert not any("0.0000000" in ln for ln in lines)
    terminal.save_png([p], str(tmp_path / "p.png"), "t")
    nothing = Plot("t", "x", "y", [Series("s", [0.0, -1.0], [0.0, 0.0])], logx=True)
    text_of(nothing)
    terminal.save_png([nothing], str(tmp_path / "n.png"), "t")


def local_noon(days_ago: int) -> datetime:
    d = date.today() - timedelta(days=days_ago)
    return datetime.combine(d, time(12, 0)).astimezone().astimezone(timezone.utc)


@pytest.fixture
def history(tmp_path, monkeypatch):
    make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1")})
    uninstall_cards(monkeypatch)
    conn = connect()
    for days_ago, status in [(5, "fail"), (5, "fail"), (5, "pass"), (2, "pass"), (0, "fail")]:
        check(conn, "softmax", status, local_noon(days_ago), monkeypatch)
    conn.close()


def test_stats_counts_have_whole_ticks_and_time_ends_today(mlkata, history, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = mlkata("stats", "--days", "14").output
    assert max(len(ln) for ln in out.splitlines()) <= 80
    block = out[out.index("checks per day"):]                 # the first (left) plot of the grid
    labels = [m.group(1) for m in re.finditer(r"^\s*(\S+)┤", block, re.M)]
    assert labels and all(re.fullmatch(r"\d+", x) for x in labels), labels  # no 1.5 checks
    assert {"0", "3"} <= set(labels)
    axis = next(ln for ln in block.splitlines() if "today" in ln)
    assert axis.rstrip().endswith("today")                  # the axis ends today, not in the future
    window = {(date.today() - timedelta(days=k)).strftime("%m-%d") for k in range(14)}
    shown = [t for t in axis.split() if t != "today"]
    assert len(shown) >= 3 and set(shown) <= window, shown  # dates of the window only
    # no card was rated: those panels are not drawn, one line says so; the rest fits 80×24
    assert "cards reviewed per day" not in out.split("nothing in the last 14 days")[0]
    assert len(out.rstrip().splitlines()) <= 23  # and the shell's prompt under it


def test_stats_png_is_a_grid_without_empty_panels(mlkata, history, tmp_path):
    png = tmp_path / "s.png"
    mlkata("stats", "--png", str(png), "--no-plot")
    w, h = png_size(png)
    assert (w, h) == (1100, 400)                                  # 2 panels with data, side by side
    mlkata("stats", "--png", str(png), "--no-plot", "--days", "3")
    assert png_size(png)[0] <= 1100


def test_figure_size_of_four_panels_is_a_grid():
    rows, cols, (w, h) = terminal.figure_size(4)
    assert (rows, cols) == (2, 2) and w * 100 == 1100 and h * 100 < 900


def test_a_grid_after_a_bigger_grid_draws_only_its_own_plots():
    a = Plot("AAA", "x", "y", [Series("s", [1, 2, 3], [1, 2, 1])])
    b = Plot("BBB", "x", "y", [Series("s", [1, 2, 3], [0.5, 0.7, 0.6])])
    terminal.plots_grid([a, b, a, b], width=80)
    two = ANSI.sub("", terminal.plots_grid([a, b], width=80))
    assert two.count("AAA") == 1 and two.count("BBB") == 1
    one = ANSI.sub("", terminal.plot_text(a, width=80))
    assert one.count("AAA") == 1 and "BBB" not in one


def test_an_odd_plot_out_spans_the_last_row_instead_of_an_empty_frame():
    a = Plot("AAA", "x", "y", [Series("s", [1, 2, 3], [1, 2, 1])])
    b = Plot("BBB", "x", "y", [Series("s", [1, 2, 3], [0.5, 0.7, 0.6])])
    c = Plot("CCC", "x", "y", [Series("s", [1, 2, 3], [3, 1, 2])])
    lines = ANSI.sub("", terminal.plots_grid([a, b, c], width=80, height=20)).splitlines()
    assert len(lines) <= 20 and max(len(ln) for ln in lines) <= 80
    top = [ln for ln in lines if "┌" in ln]
    assert [ln.count("┌") for ln in top] == [2, 1]              # two frames side by side, then one
    last = top[-1]
    assert last.index("┌") < 5 and last.rindex("┐") > 70         # the odd one is as wide as the screen


def test_counts_in_a_short_plot_label_the_rows_they_are_drawn_on():
    """Two rows of data: the ticks are 0 and the top, not four labels of which plotext keeps two
    on the wrong rows (zeros drawn beside a '1')."""
    days = Plot("checks per day", "day", "checks", [Series("checks", list(range(10)), [0] * 9 + [3])])
    lines = text_of(days, width=60, height=7)
    labels = [(m.group(1), ln) for ln in lines if (m := re.match(r"^\s*(\d+)┤", ln))]
    assert [x for x, _ in labels] == ["3", "0"]
    assert "•" in labels[-1][1] and labels[-1][1].count("•") >= 9  # the zeros sit on the 0 row
