"""`mlkata serve` latency (issue 15): page interactive time, and the check round trip through
the page against the warm check it wraps.

Starts a real `mlkata serve` (temporary home and workspace) and drives it with Playwright in
the distribution's Chromium (/usr/bin/chromium, or $MLKATA_CHROMIUM):

* page interactive: from navigation start to the end of the page script (math typeset,
  handlers bound; ``performance.now()`` recorded in ``body[data-ready-ms]``), for the list,
  a problem page, the review page and the dashboard;
* check round trip through the page: click Check → verdict drawn, measured in the page;
  the same through the bare API (an HTTP POST from Python);
* the warm CLI check: what `mlkata watch` does per save, in this process with a warm worker
  up — read the file, ``judge()`` it, ``record_check()`` (three SQLite commits) — and
  ``judge()`` alone; interleaved with the above so load hits them alike.

Targets: interactive <= 300 ms; page round trip <= warm check + 50 ms.

Usage: python bench/web_latency.py [--repeat N] [--problem softmax]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _util import report, temp_env

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--problem", default="softmax")
    args = ap.parse_args()
    env = temp_env()
    os.environ.update({k: env[k] for k in ("MLKATA_CACHE", "MLKATA_HOME", "MLKATA_WORKSPACE")})
    from playwright.sync_api import sync_playwright

    from mlkata.bank import load_bank
    from mlkata.judge import warm
    from mlkata.judge.core import judge

    p = load_bank().get(args.problem)
    source = p.solution_path.read_text()
    target = Path(env["MLKATA_WORKSPACE"]) / p.filename
    server = subprocess.Popen([sys.executable, "-m", "mlkata", "serve", "--no-browser", "--port", "0"],
                              env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        m = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", server.stdout.readline())
        base, token = m.group(1), m.group(2)
        warm.enable()
        judge(p, source, str(target))  # this process's worker up, cases cached

        def api_check() -> float:
            req = urllib.request.Request(f"{base}/api/check/{p.id}", data=json.dumps({"source": source}).encode(),
                                         headers={"X-Mlkata-Token": token, "Content-Type": "application/json"})
            t0 = time.perf_counter()
            with urllib.request.urlopen(req) as r:
                assert json.loads(r.read())["status"] == "pass"
            return time.perf_counter() - t0

        from mlkata.store import connect
        from mlkata.study.checks import record_check

        def judge_only() -> float:
            t0 = time.perf_counter()
            r = judge(p, source, str(target))
            dt = time.perf_counter() - t0
            assert r.status == "pass"
            return dt

        def warm_check() -> float:
            # what `mlkata watch` does per save: read the file, judge it warm, record the attempt
            t0 = time.perf_counter()
            text = target.read_text()
            r = judge(p, text, str(target))
            with connect() as conn:
                record_check(conn, p, r, text)
            dt = time.perf_counter() - t0
            assert r.status == "pass"
            return dt

        exe = os.environ.get("MLKATA_CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=ARGS)
            page = browser.new_page()
            page.goto(f"{base}/?token={token}")
            api_check()  # the server's worker up

            def interactive(path: str):
                def go() -> float:
                    page.goto(base + path)
                    page.wait_for_selector("body[data-ready-ms]")
                    return float(page.get_attribute("body", "data-ready-ms")) / 1000
                return go

            def page_check() -> float:
                page.goto(f"{base}/problems/{p.id}")
                page.wait_for_selector("body[data-ready]")
                page.evaluate("s => mlkataEditor.set(s)", source)
                dt = page.evaluate("""() => new Promise(resolve => {
                    const t0 = performance.now();
                    new MutationObserver((_, obs) => {
                      if (document.querySelector('#verdict-status')) { obs.disconnect(); resolve(performance.now() - t0); }
                    }).observe(document.getElementById('verdict'), {childList: true});
                    document.getElementById('check').click();
                })""")
                assert page.get_attribute("#verdict-status", "data-status") == "pass"
                split = page.evaluate("window.mlkataTiming")
                parts["request (in the page)"].append(split["request"] / 1000)
                parts["drawing the verdict"].append(split["render"] / 1000)
                return dt / 1000

            pages = {"list /": interactive("/"), f"problem /problems/{p.id}": interactive(f"/problems/{p.id}"),
                     "review /review": interactive("/review"), "dashboard /log": interactive("/log")}
            times = {k: [] for k in pages}
            for _ in range(args.repeat):
                for k, fn in pages.items():
                    times[k].append(fn())
            report("page interactive (navigation start -> page script done), target <= 300 ms", times)
            checks = {"warm check (in process)": [], "judge() alone": [], "check via the API": [],
                      "check via the page": []}
            parts = {"request (in the page)": [], "drawing the verdict": []}
            for _ in range(args.repeat):
                checks["warm check (in process)"].append(warm_check())
                checks["judge() alone"].append(judge_only())
                checks["check via the API"].append(api_check())
                checks["check via the page"].append(page_check())
            report(f"check round trip of {p.id}'s reference, target: page <= warm + 50 ms", checks,
                   baseline="warm check (in process)")
            report("where the page's round trip goes", parts)
            med = {k: statistics.median(v) for k, v in checks.items()}
            print(f"  page - warm: {1000 * (med['check via the page'] - med['warm check (in process)']):+.1f} ms · "
                  f"API - warm: {1000 * (med['check via the API'] - med['warm check (in process)']):+.1f} ms")
            browser.close()
    finally:
        warm.disable()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
