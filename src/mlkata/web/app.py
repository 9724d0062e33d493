"""The Starlette application of `mlkata serve`: server-rendered pages and a JSON API.

Pages (HTML, Jinja2 templates): ``/`` problem list, ``/problems/{id}``, ``/review``, ``/log``.
API (JSON): ``GET /api/problems``, ``GET /api/source/{id}``, ``POST /api/check/{id}``
(``{"source": ..., "strict": false}`` → exactly ``mlkata check ID --file F --json``),
``POST /api/hint/{id}``, ``POST /api/solution/{id}``, ``GET /api/review/next``,
``POST /api/review/{card}`` (``{"rating": "good"}``).

Every request first passes :class:`mlkata.web.security.Guard` (Host, Origin, token). Blocking
work (the judge, SQLite) runs in Starlette's thread pool; checks are serialised per home
directory by :func:`mlkata.web.core.check_lock`.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from mlkata.web import core
from mlkata.web.render import inline, to_html
from mlkata.web.security import Guard, allowed_hosts

HERE = Path(__file__).resolve().parent
MAX_SOURCE = 1_000_000  # characters of an editor's text; more is refused (413)

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["md"] = to_html
templates.env.filters["mdinline"] = inline
templates.env.filters["mark"] = lambda status: core.MARKS.get(status, "")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _page_error(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"message": message, "nav": ""}, status_code=status)


async def _json_body(request: Request) -> dict | JSONResponse:
    raw = await request.body()
    if len(raw) > 4 * MAX_SOURCE:
        return _error(413, "request too large")
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        return _error(400, "the body is not JSON")
    if not isinstance(body, dict):
        return _error(400, "the body must be a JSON object")
    return body


# -- pages ---------------------------------------------------------------------------------------

def _list_context(topic: str, level: str, status: str) -> dict:
    b = core.bank()
    with core.store() as conn:
        rows = core.problem_rows(conn, b)
    shown = [r for r in rows if (not topic or r["topic"] == topic) and (not level or r["level"] == level)
             and (not status or r["status"] == status)]
    groups: dict[str, list] = {}
    for r in shown:
        groups.setdefault(r["topic_title"], []).append(r)
    counts = {k: sum(r["status"] == k for r in rows) for k in ("fluent", "shaky", "unknown", "new")}
    return {"groups": groups, "topics": b.topics, "topic": topic, "level": level, "status": status,
            "counts": counts, "total": len(rows), "shown": len(shown), "nav": "problems"}


async def list_page(request: Request) -> Response:
    q = request.query_params
    ctx = await run_in_threadpool(_list_context, q.get("topic", ""), q.get("level", ""), q.get("status", ""))
    return templates.TemplateResponse(request, "list.html", ctx)


def _problem_context(problem_id: str) -> dict:
    from mlkata.study.log import status_of

    p = core.problem(problem_id)
    source, exists = core.read_source(p)
    with core.store() as conn:
        status = status_of(conn, p.id)[0]
    return {"p": p, "source": source, "exists": exists, "file": str(core.workspace_file(p)),
            "status": status, "related": core.related_cards(p.id), "nav": "problems"}


async def problem_page(request: Request) -> Response:
    try:
        ctx = await run_in_threadpool(_problem_context, request.path_params["pid"])
    except core.NotFound as exc:
        return _page_error(request, 404, str(exc))
    _prewarm(ctx["p"], ctx["source"])
    return templates.TemplateResponse(request, "problem.html", ctx)


def _prewarm(p, source: str) -> None:
    """Start (in the background) the warm worker this problem's checks will use, and load its cases."""
    if not getattr(_prewarm, "enabled", False):
        return
    from mlkata.judge import warm

    def go():
        try:
            warm.enable().prewarm([warm.preimport_for(p, source)])
        except Exception:  # a failed prewarm only costs the first check its warm start
            pass
        try:  # the cases too (stored ones are only read; a heavy problem's are built now)
            from mlkata.judge.core import load_cases

            load_cases(p)
        except Exception:  # the check reports a broken generator itself
            pass

    threading.Thread(target=go, daemon=True).start()


async def review_page(request: Request) -> Response:
    skip = {s for s in request.query_params.get("skip", "").split(",") if s}
    data = await run_in_threadpool(core.review_next, skip)
    return templates.TemplateResponse(request, "review.html", {**data, "nav": "review",
                                                                "skip": ",".join(sorted(skip))})


async def log_page(request: Request) -> Response:
    data = await run_in_threadpool(core.dashboard)
    return templates.TemplateResponse(request, "log.html", {**data, "nav": "log"})


async def demos_page(request: Request) -> Response:
    return templates.TemplateResponse(request, "demos.html", {"demos": await run_in_threadpool(core.demo_list),
                                                               "nav": "demos"})


async def demo_page(request: Request) -> Response:
    try:
        seed = int(request.query_params.get("seed", "0"))
    except ValueError:
        return _page_error(request, 400, "seed must be an integer")
    try:
        data = await run_in_threadpool(core.demo_run, request.path_params["name"], seed)
    except core.NotFound as exc:
        return _page_error(request, 404, str(exc))
    return templates.TemplateResponse(request, "demo.html", {**data, "nav": "demos"})


async def stats_svg(request: Request) -> Response:
    try:
        span = max(2, min(3650, int(request.query_params.get("days", "30"))))
    except ValueError:
        span = 30

    def draw():
        return core.plots_svg(core.stats_plots(span), f"mlkata: last {span} days")

    return Response(await run_in_threadpool(draw), media_type="image/svg+xml")


# -- API -----------------------------------------------------------------------------------------

async def api_problems(request: Request) -> Response:
    def rows():
        b = core.bank()
        with core.store() as conn:
            return core.problem_rows(conn, b)

    return JSONResponse(await run_in_threadpool(rows))


async def api_source(request: Request) -> Response:
    try:
        p = await run_in_threadpool(core.problem, request.path_params["pid"])
    except core.NotFound as exc:
        return _error(404, str(exc))
    source, exists = await run_in_threadpool(core.read_source, p)
    return JSONResponse({"problem": p.id, "source": source, "exists": exists, "file": str(core.workspace_file(p))})


async def api_check(request: Request) -> Response:
    body = await _json_body(request)
    if isinstance(body, Response):
        return body
    source = body.get("source")
    if not isinstance(source, str):
        return _error(400, "field 'source' (the solution's text) is missing or not a string")
    if len(source) > MAX_SOURCE:
        return _error(413, f"field 'source' is longer than {MAX_SOURCE} characters")
    strict = bool(body.get("strict", False))
    pid = request.path_params["pid"]
    request.app.state.waiting += 1
    try:
        checked = await run_in_threadpool(core.check, pid, source, strict)
    except core.NotFound as exc:
        return _error(404, str(exc))
    finally:
        request.app.state.waiting -= 1
    headers = {}
    if checked.warnings:
        headers["X-Mlkata-Warnings"] = json.dumps(checked.warnings, ensure_ascii=True)
    if checked.cards_due:
        headers["X-Mlkata-Cards-Due"] = str(len(checked.cards_due))
    # the body is byte for byte what `mlkata check --json` prints (without its trailing newline)
    return Response(checked.result.to_json(), media_type="application/json", headers=headers)


async def api_queue(request: Request) -> Response:
    return JSONResponse({"waiting": request.app.state.waiting})


async def api_hint(request: Request) -> Response:
    try:
        return JSONResponse(await run_in_threadpool(core.hint, request.path_params["pid"]))
    except core.NotFound as exc:
        return _error(404, str(exc))


async def api_solution(request: Request) -> Response:
    try:
        return JSONResponse(await run_in_threadpool(core.solution, request.path_params["pid"]))
    except core.NotFound as exc:
        return _error(404, str(exc))


async def api_review_next(request: Request) -> Response:
    skip = {s for s in request.query_params.get("skip", "").split(",") if s}
    return JSONResponse(await run_in_threadpool(core.review_next, skip))


async def api_review_rate(request: Request) -> Response:
    body = await _json_body(request)
    if isinstance(body, Response):
        return body
    duration = body.get("duration_ms")
    duration = int(duration) if isinstance(duration, (int, float)) and duration >= 0 else None
    try:
        return JSONResponse(await run_in_threadpool(core.rate, request.path_params["card"],
                                                    str(body.get("rating", "")), duration))
    except core.NotFound as exc:
        return _error(404, str(exc))
    except ValueError as exc:
        return _error(400, str(exc))


def routes() -> list:
    return [
        Route("/", list_page),
        Route("/problems/{pid}", problem_page),
        Route("/review", review_page),
        Route("/log", log_page),
        Route("/demos", demos_page),
        Route("/demos/{name}", demo_page),
        Route("/plots/stats.svg", stats_svg),
        Route("/api/problems", api_problems),
        Route("/api/source/{pid}", api_source),
        Route("/api/check/{pid}", api_check, methods=["POST"]),
        Route("/api/queue", api_queue),
        Route("/api/hint/{pid}", api_hint, methods=["POST"]),
        Route("/api/solution/{pid}", api_solution, methods=["POST"]),
        Route("/api/review/next", api_review_next),
        Route("/api/review/{card}", api_review_rate, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]


def create_app(token: str, host: str = "127.0.0.1", port: int = 8000, warm: bool = False):
    """The guarded application. ``warm``: route checks through warm judge workers (the server does)."""
    app = Starlette(routes=routes())
    app.state.waiting = 0
    _prewarm.enabled = warm
    if warm:
        from mlkata.judge import warm as warm_judge

        warm_judge.enable()
    return Guard(app, token, allowed_hosts(host, port), cookie=f"mlkata_token_{port}")
