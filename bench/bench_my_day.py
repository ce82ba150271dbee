"""The "My day" tab's costs, each in fresh processes (offscreen): importing ui.my_day (what it adds to the modules
the window imports anyway), building the tab (the main
window builds it at start-up), its first paint with a day of calls, and counting a week of 5,000 cached calls;
beside them, what QtCharts would cost (its import after QtWidgets, and its first stacked-bar chart painted).

Run: python bench/bench_my_day.py  (prints medians of 7 runs in ms)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 7

PROBE = r"""
import json, random, sys, tempfile, time
from pathlib import Path
from datetime import date
from PySide6.QtWidgets import QApplication
app = QApplication([])
out = {}
t = time.perf_counter()
if sys.argv[1] == "qtcharts":
    from PySide6 import QtCharts
    out["qtcharts import"] = time.perf_counter() - t
    t = time.perf_counter()
    chart = QtCharts.QChart()
    series = QtCharts.QStackedBarSeries()
    for name in ("in", "out"):
        bars = QtCharts.QBarSet(name)
        bars.append([random.randint(0, 9) for _ in range(24)])
        series.append(bars)
    chart.addSeries(series)
    view = QtCharts.QChartView(chart)
    view.resize(640, 260)
    view.grab()
    out["qtcharts first chart painted"] = time.perf_counter() - t
else:
    import ccs_desktop.services.call_history, ccs_desktop.ui.calls_panel  # the window imports them anyway
    t = time.perf_counter()
    from ccs_desktop.ui import my_day
    out["ui.my_day import (after the window's modules)"] = time.perf_counter() - t
    t = time.perf_counter()
    view = my_day.MyDayView()
    out["MyDayView made (window start-up)"] = time.perf_counter() - t
    t = time.perf_counter()
    view.ensure_built()
    out["its widgets built (first shown)"] = time.perf_counter() - t
    from ccs_desktop.core.calls.day_stats import day_stats, rows_span
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.api.records import CallRecord
    rnd = random.Random(1)
    today = date(2026, 12, 4)
    cache = CallCache(Path(tempfile.mkdtemp()) / "c.sqlite3")
    cache.store("a", [CallRecord.from_api({"callid": str(i), "calldate": f"2026-12-0{rnd.randint(1, 4)} {rnd.randint(8, 18):02d}:{rnd.randint(0, 59):02d}:00", "inbound": rnd.random() < .6, "answered": rnd.random() < .8, "callerid": f"0532{rnd.randint(0, 9999999):07d}", "called_num": f"0532{rnd.randint(0, 9999999):07d}", "duration": 100, "waitduration": 9}) for i in range(5000)])
    t = time.perf_counter()
    start, finish = rows_span("week", today)
    stats = day_stats(cache.rows("a", start, finish), cache.tick_times("a", start), "week", today)
    out["count a week of 5,000 cached calls"] = time.perf_counter() - t
    view.show_stats(stats)
    view.resize(640, 420)
    t = time.perf_counter()
    view.chart.grab()
    out["chart first paint"] = time.perf_counter() - t
print(json.dumps({k: v * 1000 for k, v in out.items()}))
"""


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    results: dict[str, list[float]] = {}
    for kind in ("my_day", "qtcharts"):
        for _ in range(RUNS):
            line = (
                subprocess.run(
                    [sys.executable, "-c", PROBE, kind], env=env, capture_output=True, text=True, check=True
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            for key, value in json.loads(line).items():
                results.setdefault(key, []).append(value)
    for key, values in results.items():
        print(f"{key:40s} {statistics.median(values):8.1f} ms (min {min(values):.1f}, max {max(values):.1f})")


if __name__ == "__main__":
    main()
