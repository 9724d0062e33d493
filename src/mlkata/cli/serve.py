"""`mlkata serve`: the trainer in the browser (a local Starlette app on uvicorn)."""

from __future__ import annotations

import socket
import sys

import click


def _has_gui() -> bool:
    import os

    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Keep the default: the page runs code on this machine.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser; just print the address.")
def serve_cmd(port: int, host: str, no_browser: bool) -> None:
    """Serve mlkata's pages on this machine: problems with an editor and the judge, card review, the log.

    The address printed at start carries a random token (as Jupyter's does); open it as it is.
    Requests without the token, or addressed to another host name, are refused.

    Example: mlkata serve --no-browser --port 8765
    """
    import uvicorn

    from mlkata.judge import warm
    from mlkata.web.app import create_app
    from mlkata.web.security import new_token

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                                   + (" (try another --port, or --port 0)" if port else "")) from None
    sock.listen(128)
    port = sock.getsockname()[1]
    token = new_token()
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, not only on this machine; anyone who has the token "
                   f"can run code here", err=True)
    shown = host if ":" not in host else f"[{host}]"
    url = f"http://{shown if host != '0.0.0.0' else '127.0.0.1'}:{port}/?token={token}"
    app = create_app(token, host, port, warm=True)
    click.echo(f"mlkata is served at {url}", nl=True)
    click.echo("press Ctrl-C to stop", err=True)
    sys.stdout.flush()
    if not no_browser:
        if _has_gui():
            import webbrowser

            try:
                webbrowser.open(url)
            except Exception:  # no browser here: the printed address is enough
                pass
        else:  # a console browser (lynx, w3m) would take this terminal over: just say where to go
            click.echo("no graphical session here: open the address above in your browser", err=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        warm.disable()
