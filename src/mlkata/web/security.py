"""The guard in front of every request of `mlkata serve` (a local server that runs code).

Three refusals, checked in this order, before any route runs:

1. **Host** — the ``Host`` header must name this server (``127.0.0.1:PORT``, ``localhost:PORT``
   or the bound host). A page on another site that resolves its own name to 127.0.0.1 (DNS
   rebinding) sends its own name as Host: refused with 421 Misdirected Request.
2. **Origin** — a request that can change state (anything but GET/HEAD/OPTIONS) carrying an
   ``Origin`` or ``Sec-Fetch-Site`` header from elsewhere is refused with 403 (CSRF). Scripts
   (curl, requests) send neither and are judged by the token alone.
3. **Token** — the random token printed at start, as the ``token`` query parameter, the
   ``X-Mlkata-Token`` header, ``Authorization: token …``, or the cookie set from it after the
   first page (HttpOnly, SameSite=Strict). Without it: 403. A page opened with ``?token=`` gets
   the cookie and is redirected to the same address without the token, so it does not stay
   in the address bar or the history.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

COOKIE = "mlkata_token"  # + "_PORT": two servers on one machine do not overwrite each other's cookie
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers this server answers to: its loopback names and the host it is bound to."""
    names = {"127.0.0.1", "localhost", "[::1]" if ":" in host else host}
    names.discard("0.0.0.0")
    return {f"{n}:{port}" for n in names}


async def _reply(send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")] + (headers or [])})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: Host, Origin and token checks (see the module docstring)."""

    def __init__(self, app, token: str, hosts: set[str], cookie: str = COOKIE):
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}
        self.cookie = cookie

    def _token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and secrets.compare_digest(candidate.encode(), self.token.encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            return await _reply(send, 421, "refused: this server answers only to its own address "
                                           f"({sorted(self.hosts)[0]}), not to Host '{host}'\n")
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc.lower() not in self.hosts:
                return await _reply(send, 403, f"refused: a request from another origin ({origin})\n")
            site = headers.get("sec-fetch-site")
            if site is not None and site not in ("same-origin", "none"):
                return await _reply(send, 403, f"refused: a cross-site request (Sec-Fetch-Site: {site})\n")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        from_query = query.get("token")
        auth = headers.get("authorization", "")
        candidates = [from_query, headers.get("x-mlkata-token"),
                      auth[6:].strip() if auth.lower().startswith("token ") else None]
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is just no cookie
            pass
        if self.cookie in cookie:
            candidates.append(cookie[self.cookie].value)
        if not any(self._token_ok(c) for c in candidates):
            return await _reply(send, 403, "refused: no valid token. Open the address that `mlkata serve` "
                                           "printed (it ends in ?token=...).\n")
        path = scope.get("path", "/")
        if self._token_ok(from_query) and method == "GET" and not path.startswith(("/api/", "/static/")):
            # first page: the token becomes a cookie, and leaves the address bar
            rest = urlencode([(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
                              if k != "token"])
            location = path + (f"?{rest}" if rest else "")
            set_cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            return await _reply(send, 303, "", [(b"location", location.encode("latin-1")),
                                                (b"set-cookie", set_cookie.encode("latin-1"))])

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HARDENING
            await send(message)

        return await self.app(scope, receive, send_with_headers)


# on every page: nothing loads from elsewhere, no framing (clickjacking), no referrer (the token)
HARDENING = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
