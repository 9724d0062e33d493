"""`mlkata serve` in a real browser: Playwright driving the distribution's Chromium against the
real server (a `mlkata serve` subprocess on 127.0.0.1). Where Playwright or Chromium is
missing these tests are SKIPPED with the reason, never passed. Each test saves a screenshot of
its page (web-*.png) into $MLKATA_SCREENS — `MLKATA_SCREENS=docs/screens` regenerates the
committed ones — or a temporary folder."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mlkata.bank import load_bank

# screenshots: into $MLKATA_SCREENS when set (the committed ones: MLKATA_SCREENS=docs/screens), else a
# temporary folder, so an ordinary test run leaves the working tree clean
SCREENS = Path(os.environ["MLKATA_SCREENS"]).resolve() if os.environ.get("MLKATA_SCREENS") else None
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WRONG_SOFTMAX = ("import numpy as np\n\n\ndef softmax(x):\n    e = np.exp(x)\n"
                 "    return e / e.sum(axis=-1, keepdims=True)\n")


def chromium_path() -> str | None:
    for cand in (os.environ.get("MLKATA_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and Path(cand).is_file():
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("BROWSER TESTS SKIPPED: the 'playwright' package is not installed (pip install -e '.[test]')")
    exe = chromium_path()
    if exe is None:
        pytest.skip("BROWSER TESTS SKIPPED: no Chromium found (apt-get install -y chromium, or set MLKATA_CHROMIUM)")
    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        except Exception as exc:
            pytest.skip(f"BROWSER TESTS SKIPPED: Chromium at {exe} does not start: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def server(mlkata_dirs):
    """A real `mlkata serve` on a free port; yields (base URL, token). Stopped by its pid."""
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", "serve", "--no-browser", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
                            start_new_session=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", line)
        assert m, f"the server printed no address: {line!r} {proc.stderr.read() if proc.poll() is not None else ''}"
        yield m.group(1), m.group(2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def page(browser, server):
    base, token = server
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.goto(f"{base}/?token={token}")
    pg.wait_for_selector("body[data-ready]")
    yield pg
    ctx.close()


@pytest.fixture(autouse=True)
def _screens_dir(tmp_path):
    global _SHOTS
    _SHOTS = SCREENS or tmp_path / "screens"


def shot(pg, name: str) -> None:
    _SHOTS.mkdir(parents=True, exist_ok=True)
    path = _SHOTS / f"web-{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000  # a page, not a blank


def type_source(pg, text: str) -> None:
    """Replace the editor's text by typing: select all, then the keyboard inserts the text (as
    a paste would: CodeMirror's auto-indent would re-indent keystrokes typed one by one)."""
    pg.click("#cm .cm-content")
    pg.keyboard.press("Control+a")
    pg.keyboard.press("Delete")
    pg.keyboard.insert_text(text)


RAW_TEX_OUTSIDE_KATEX = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode;
    if (n.parentElement.closest('.katex, script, style, textarea, pre, code')) continue;
    if (/\\\\(frac|sqrt|sum|mathrm|max|log)/.test(n.textContent)) out.push(n.textContent);
  }
  return out;
}"""


def test_solve_a_problem_in_the_browser(page, server, mlkata_dirs):
    base, _ = server
    assert "token=" not in page.url  # traded for a cookie
    assert page.locator("tr[data-id=softmax]").count() == 1
    shot(page, "list")
    page.click("tr[data-id=softmax] a")
    page.wait_for_selector("body[data-ready][data-page=problem]")
    # math: the related cards' formulas are typeset by KaTeX, no raw TeX left on the page
    for summary in page.locator("details.card summary").all():
        summary.click()
    assert page.locator(".katex").count() > 0
    assert page.locator(".katex .mfrac").count() > 0  # a fraction drawn as one
    assert page.evaluate(RAW_TEX_OUTSIDE_KATEX) == []
    # the editor (CodeMirror, vendored) shows the workspace file's text; Tab indents by 4 spaces
    assert page.locator("#cm .cm-content").count() == 1
    assert "def softmax" in page.inner_text("#cm .cm-content")
    type_source(page, "x")
    page.keyboard.press("Tab")
    assert page.evaluate("mlkataEditor.get()") == "    x"
    # a wrong solution, typed in: the verdict names the mistake
    type_source(page, WRONG_SOFTMAX)
    assert page.evaluate("mlkataEditor.get()") == WRONG_SOFTMAX
    page.evaluate("""() => { window.sawJudging = '';
      new MutationObserver(() => { if (document.body.classList.contains('judging'))
        window.sawJudging = document.getElementById('state').textContent; })
        .observe(document.body, {attributes: true, attributeFilter: ['class']}); }""")
    page.click("#check")
    page.wait_for_selector("#verdict-status", timeout=120_000)
    assert page.get_attribute("#verdict-status", "data-status") == "fail"
    assert page.evaluate("window.sawJudging").startswith("judging")  # the visible state while it ran
    assert "Looks like" in page.inner_text("#diagnosis")
    assert page.locator("table.cases tr.fail").count() >= 1
    assert "expected" in page.inner_text("table.cases")
    assert (mlkata_dirs["workspace"] / "softmax.py").read_text() == WRONG_SOFTMAX  # the CLI's file
    page.locator("#diagnosis").scroll_into_view_if_needed()
    shot(page, "problem-fail")
    # fixed: PASS
    type_source(page, load_bank().get("softmax").solution_path.read_text())
    page.click("#check")
    page.wait_for_selector("#verdict-status[data-status=pass]", timeout=120_000)
    assert page.inner_text("#verdict-status").startswith("PASS")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "problem-pass")
    # the practice log shows both attempts
    page.click("nav a[href='/log']")
    page.wait_for_selector("body[data-ready][data-page=log]")
    row = page.locator("#log tr[data-key=softmax]")
    assert row.get_attribute("data-attempts") == "2"
    assert row.get_attribute("data-status") != "new"
    shot(page, "log")
    with sqlite3.connect(mlkata_dirs["home"] / "mlkata.db") as conn:
        assert [r[0] for r in conn.execute("SELECT status FROM attempts WHERE problem='softmax' ORDER BY id")] == ["fail", "pass"]


def test_review_two_cards_with_the_keyboard(page, mlkata_dirs):
    page.click("nav a[href='/review']")
    page.wait_for_selector("body[data-ready][data-page=review]")
    first = page.get_attribute("#card", "data-card")
    assert page.is_hidden("#answer")
    page.keyboard.press(" ")
    assert page.is_visible("#answer")
    assert page.locator("button.rate .interval").count() == 4
    shot(page, "review")
    with page.expect_navigation():
        page.keyboard.press("3")
    page.wait_for_selector("body[data-ready][data-page=review]")
    second = page.get_attribute("#card", "data-card")
    assert second != first
    page.keyboard.press(" ")
    with page.expect_navigation():
        page.keyboard.press("1")
    page.wait_for_selector("body[data-ready][data-page=review]")
    assert page.get_attribute("#session", "data-rated") == "2"
    with sqlite3.connect(mlkata_dirs["home"] / "mlkata.db") as conn:
        rows = conn.execute("SELECT item, rating FROM srs_log WHERE kind='card' ORDER BY id").fetchall()
    assert [(r[0].split(":", 1)[-1], r[1]) for r in rows] == [(first, 3), (second, 1)]


def test_the_page_is_refused_without_the_token(browser, server, mlkata_dirs):
    base, token = server
    ctx = browser.new_context()
    pg = ctx.new_page()
    try:
        resp = pg.goto(f"{base}/problems/softmax")
        assert resp.status in (401, 403)
        assert "token" in pg.inner_text("body")
        resp = pg.goto(f"{base}/?token=wrong-{token[:6]}")
        assert resp.status in (401, 403)
        resp = pg.goto(f"{base}/?token={token}")
        assert resp.status == 200 and "token=" not in pg.url
        # CSRF: with the cookie in this browser, a page of another origin posts a form to the judge
        form = (f'<form method="post" action="{base}/api/check/softmax" enctype="text/plain">'
                '<input name=\'{"source": "import os", "x": "\' value=\'"}\'></form>')
        pg.goto("data:text/html," + form)
        with pg.expect_navigation() as nav:
            pg.evaluate("document.forms[0].submit()")
        assert nav.value.status == 403
        assert not (mlkata_dirs["workspace"] / "softmax.py").exists()
    finally:
        ctx.close()


def test_a_demo_page_draws_its_plots(page):
    page.click("nav a[href='/demos']")
    page.wait_for_selector("body[data-ready][data-page=demos]")
    page.click("tr[data-demo=scaling] a")
    page.wait_for_selector("body[data-ready][data-page=demo]", timeout=60_000)
    assert page.locator(".plots svg").count() == 1
    assert page.evaluate(RAW_TEX_OUTSIDE_KATEX) == []
    shot(page, "demo")
