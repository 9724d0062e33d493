"""`mlkata serve` in process (Starlette's TestClient): the guard's refusals, the API's parity
with the CLI, and that no request reaches a path outside mlkata's home and workspace."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

pytest.importorskip("httpx", reason="the web tests need httpx (pip install -e '.[test]')")

import warnings  # noqa: E402

with warnings.catch_warnings():  # newer Starlette prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient  # noqa: E402

from mlkata.bank import load_bank  # noqa: E402
from mlkata.web.app import create_app  # noqa: E402

TOKEN = "test-token-0123456789"
BASE = "http://127.0.0.1:8765"
WRONG_SOFTMAX = ("import numpy as np\n\n\ndef softmax(x):\n    e = np.exp(x)\n"
                 "    return e / e.sum(axis=-1, keepdims=True)\n")


@pytest.fixture
def client():
    with TestClient(create_app(TOKEN, "127.0.0.1", 8765), base_url=BASE, follow_redirects=False) as c:
        yield c


@pytest.fixture
def authed(client):
    client.headers["X-Mlkata-Token"] = TOKEN
    return client


def _volatile_free(d):
    """A result without its timings (they differ from run to run)."""
    d = dict(d)
    d.pop("duration", None)
    d["tests"] = [{k: (re.sub(r"\d+\.\d+", "#", v) if k == "output" else v)  # the complexity fit's table
                   for k, v in t.items() if k != "seconds"} for t in d["tests"]]
    return d


# -- refusals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/problems/softmax", "/review", "/log", "/api/problems",
                                  "/api/source/softmax", "/static/app.js"])
def test_every_get_without_the_token_is_refused(client, path):
    r = client.get(path)
    assert r.status_code in (401, 403)
    assert "token" in r.text


def test_a_wrong_token_is_refused(client):
    assert client.get("/api/problems", params={"token": "nope"}).status_code == 403
    assert client.get("/api/problems", headers={"X-Mlkata-Token": TOKEN + "x"}).status_code == 403
    assert client.get("/api/problems", headers={"Cookie": "mlkata_token_8765=nope"}).status_code == 403


def test_a_check_without_the_token_is_refused_and_writes_nothing(client, mlkata_dirs):
    r = client.post("/api/check/softmax", json={"source": WRONG_SOFTMAX})
    assert r.status_code in (401, 403)
    assert not (mlkata_dirs["workspace"] / "softmax.py").exists()


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "attacker.test", "localhost.evil.com:8765"])
def test_a_foreign_host_header_is_refused_even_with_the_token(client, host):
    # DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser sends that name as Host
    r = client.get("/api/problems", params={"token": TOKEN}, headers={"Host": host})
    assert r.status_code in (400, 403, 421)
    r = client.post("/api/check/softmax", json={"source": "x"}, headers={"Host": host, "X-Mlkata-Token": TOKEN})
    assert r.status_code in (400, 403, 421)


def test_the_servers_own_names_are_accepted(client):
    for host in ("127.0.0.1:8765", "localhost:8765"):
        assert client.get("/api/problems", headers={"Host": host, "X-Mlkata-Token": TOKEN}).status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "http://127.0.0.1:9999"},
                                     {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}])
def test_a_cross_origin_post_is_refused_even_with_the_cookie(client, mlkata_dirs, headers):
    # CSRF: another page posting to this server with the user's cookie
    r = client.post("/api/check/softmax", json={"source": WRONG_SOFTMAX},
                    headers={"Cookie": f"mlkata_token_8765={TOKEN}", **headers})
    assert r.status_code == 403
    assert not (mlkata_dirs["workspace"] / "softmax.py").exists()
    r = client.post("/api/review/f-stable-softmax", json={"rating": "good"},
                    headers={"Cookie": f"mlkata_token_8765={TOKEN}", **headers})
    assert r.status_code == 403


def test_the_first_page_trades_the_token_for_a_cookie_and_drops_it_from_the_address(client):
    r = client.get("/", params={"token": TOKEN, "level": "L1"})
    assert r.status_code == 303
    assert r.headers["location"] == "/?level=L1"
    cookie = r.headers["set-cookie"]
    assert f"mlkata_token_8765={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    r = client.get("/?level=L1", headers={"Cookie": f"mlkata_token_8765={TOKEN}"})
    assert r.status_code == 200 and "Numerically stable softmax" in r.text
    # another mlkata server's cookie (another port) is not this one's
    assert client.get("/", headers={"Cookie": f"mlkata_token_9999={TOKEN}"}).status_code == 403


def test_pages_forbid_framing_and_foreign_resources(authed):
    r = authed.get("/problems/softmax")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/problems/..%2F..%2Fetc%2Fpasswd", "/api/source/..%2F..%2Fetc%2Fpasswd",
                                  "/static/..%2F..%2F..%2Fpaths.py", "/static/../app.py"])
def test_no_path_outside_home_and_workspace_is_read(authed, path):
    r = authed.get(path)
    assert r.status_code == 404
    assert "root:" not in r.text and "def home" not in r.text and "import" not in r.text


def test_a_check_of_an_unknown_id_writes_no_file(authed, mlkata_dirs, tmp_path):
    before = set(tmp_path.rglob("*"))
    for pid in ("..%2Fescape", "nope", "..%2F..%2Fhome%2Fx"):
        r = authed.post(f"/api/check/{pid}", json={"source": "print(1)\n"})
        assert r.status_code == 404
    created = {p for p in set(tmp_path.rglob("*")) - before if p.is_file()}
    assert not [p for p in created if p.suffix == ".py"]


def test_a_malformed_check_request_gets_a_clear_error(authed):
    r = authed.post("/api/check/softmax", content=b"not json")
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    r = authed.post("/api/check/softmax", json={"code": "x"})
    assert r.status_code == 400 and "'source'" in r.json()["error"]
    r = authed.post("/api/review/f-stable-softmax", json={"rating": "perfect"})
    assert r.status_code == 400 and "again" in r.json()["error"]
    assert authed.post("/api/review/no-such-card", json={"rating": "good"}).status_code == 404


# -- one core, two views -------------------------------------------------------------------------

def test_api_problems_lists_every_problem_with_its_status(authed):
    rows = authed.get("/api/problems").json()
    assert {r["id"] for r in rows} == set(load_bank().problems)
    assert {r["status"] for r in rows} == {"new"}


def test_a_web_check_is_the_cli_check_json_and_is_recorded(authed, mlkata, mlkata_dirs):
    r = authed.post("/api/check/softmax", json={"source": WRONG_SOFTMAX})
    assert r.status_code == 200
    web = r.json()
    assert web["status"] == "fail" and web["diagnosis"]["id"] == "no-max-shift"
    target = mlkata_dirs["workspace"] / "softmax.py"
    assert target.read_text() == WRONG_SOFTMAX  # the CLI's file, written back
    cli = mlkata("check", "softmax", "--file", str(target), "--json")
    assert cli.exit_code == 1
    assert _volatile_free(json.loads(cli.stdout)) == _volatile_free(web)
    # one attempt in the practice log: the CLI's check of the same content is a re-check (shown,
    # not recorded again); the list shows the status the CLI shows
    with sqlite3.connect(mlkata_dirs["home"] / "mlkata.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts WHERE problem='softmax'").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM attempt_rechecks WHERE problem='softmax'").fetchone()[0] == 1
    row = next(r for r in authed.get("/api/problems").json() if r["id"] == "softmax")
    assert row["status"] == "unknown"
    from mlkata.store import connect
    from mlkata.study.log import status_of

    with connect() as conn:
        assert status_of(conn, "softmax")[0] == "unknown"  # what `mlkata list` and `mlkata log` show


def test_a_passing_web_check_matches_the_cli_and_the_page_shows_the_file(authed, mlkata, mlkata_dirs):
    p = load_bank().get("two-sum")
    good = p.solution_path.read_text()
    web = authed.post("/api/check/two-sum", json={"source": good}).json()
    assert web["status"] == "pass"
    cli = mlkata("check", "two-sum", "--json")  # the workspace file the page wrote
    assert cli.exit_code == 0
    assert _volatile_free(json.loads(cli.stdout)) == _volatile_free(web)
    # an edit made outside the page is what the page shows next
    (mlkata_dirs["workspace"] / p.filename).write_text("# edited in vim\n" + good)
    page = authed.get("/problems/two-sum").text
    assert "# edited in vim" in page
    assert authed.get("/api/source/two-sum").json()["source"].startswith("# edited in vim")


def test_hint_and_solution_are_recorded_as_the_cli_records_them(authed, mlkata, mlkata_dirs):
    h1 = authed.post("/api/hint/softmax").json()
    h2 = authed.post("/api/hint/softmax").json()
    assert (h1["level"], h2["level"]) == (1, 2)
    p = load_bank().get("softmax")
    assert h1["text"] == p.hints[0]
    assert "hint 3/3" in mlkata("hint", "softmax").stdout  # the CLI continues where the page stopped
    sol = authed.post("/api/solution/softmax").json()
    assert sol["source"] == p.solution_path.read_text()
    with sqlite3.connect(mlkata_dirs["home"] / "mlkata.db") as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM events WHERE problem='softmax' ORDER BY id")]
    assert kinds.count("hint") == 3 and kinds.count("solution") == 1


def test_review_shows_a_card_with_previews_and_a_rating_is_saved(authed, mlkata):
    nxt = authed.get("/api/review/next").json()
    card = nxt["card"]
    assert card is not None and set(nxt["previews"]) == {"again", "hard", "good", "easy"}
    page = authed.get("/review").text
    assert f'data-card="{card["id"]}"' in page and nxt["previews"]["easy"] in page
    r = authed.post(f"/api/review/{card['id']}", json={"rating": "good"})
    assert r.status_code == 200 and r.json()["rating"] == "good"
    after = authed.get("/api/review/next").json()
    assert after["card"]["id"] != card["id"]
    assert "good" in mlkata("cards", card["id"]).stdout  # the CLI sees the review


def test_pages_render_math_as_spans_for_katex_and_filter_the_list(authed):
    page = authed.get("/problems/softmax").text
    assert 'class="math"' in page and "katex.min.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    lst = authed.get("/", params={"level": "L3"}).text
    l3 = {p.id for p in load_bank().problems.values() if p.level == "L3"}
    l1 = {p.id for p in load_bank().problems.values() if p.level == "L1"}
    assert all(f'data-id="{i}"' in lst for i in l3)
    assert not any(f'data-id="{i}"' in lst for i in l1)
    assert "No problem matches" in authed.get("/", params={"status": "fluent"}).text
    assert authed.get("/log").status_code == 200


def test_render_keeps_math_out_of_markdown_and_escapes_html():
    from mlkata.web.render import to_html

    out = to_html("a $x_i * y_j$ and `$not math$` <script>alert(1)</script>\n\n$$\\frac{a}{b}$$")
    assert '<span class="math" data-display="0">x_i * y_j</span>' in out
    assert '<span class="math" data-display="1">\\frac{a}{b}</span>' in out
    assert "<code>$not math$</code>" in out
    assert "<script>" not in out


def test_demos_run_and_the_stats_plots_are_svg(authed):
    from mlkata import demos

    listing = authed.get("/demos").text
    assert all(f'data-demo="{n}"' in listing for n in demos.modules())
    page = authed.get("/demos/scaling", params={"seed": 1})
    assert page.status_code == 200 and "<svg" in page.text and "--seed 1" in page.text
    assert authed.get("/demos/no-such-demo").status_code == 404
    assert authed.get("/demos/scaling", params={"seed": "x"}).status_code == 400
    svg = authed.get("/plots/stats.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "checks per day" in svg.text and "card retention" in svg.text


def test_checks_run_one_at_a_time(authed, monkeypatch):
    import threading

    import mlkata.judge.core as judge_core

    real = judge_core.judge
    running, peak, lock = [0], [0], threading.Lock()

    def counting(*args, **kwargs):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(judge_core, "judge", counting)
    good = load_bank().get("two-sum").solution_path.read_text()
    statuses = []

    def post():
        statuses.append(authed.post("/api/check/two-sum", json={"source": good}).json()["status"])

    threads = [threading.Thread(target=post) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == ["pass"] * 3
    assert peak[0] == 1


def test_serve_says_when_its_port_is_taken():
    import socket

    from click.testing import CliRunner

    from mlkata.cli.main import cli

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = CliRunner().invoke(cli, ["serve", "--no-browser", "--port", str(port)])
    assert res.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in res.output and "--port 0" in res.output
    assert "Traceback" not in res.output


def test_the_users_file_cannot_break_out_of_the_editor(authed, mlkata_dirs):
    hostile = "x = 1\n</textarea><script>alert('pwned')</script>\n"
    mlkata_dirs["workspace"].mkdir(parents=True, exist_ok=True)
    (mlkata_dirs["workspace"] / "softmax.py").write_text(hostile)
    page = authed.get("/problems/softmax").text
    assert "<script>alert" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(" in page
