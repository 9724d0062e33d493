"""`mlkata doctor`: which layers of the judge's sandbox are in force on this machine."""

from __future__ import annotations

import json
import sys

import click


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print the layers as JSON.")
def doctor_cmd(as_json: bool) -> None:
    """Show each protection layer of the judge (environment, Landlock, seccomp, cgroup,
    session, rlimits, guardian) as active or unavailable, and what a missing one means.
    Exit code 0 when every layer is active, 1 otherwise.

    Example: mlkata doctor
    """
    from mlkata import terminal
    from mlkata.judge import isolation

    layers = isolation.layers()
    if as_json:
        click.echo(json.dumps([layer.to_dict() for layer in layers], indent=2))
    else:
        terminal.render_layers(layers)
    sys.exit(0 if all(layer.active for layer in layers) else 1)
