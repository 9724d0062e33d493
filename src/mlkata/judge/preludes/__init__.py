"""Preludes: names a coding platform provides to a submission without imports.

A problem opts in with ``prelude = "<name>"`` in its problem.toml; the sandbox child then
imports ``mlkata.judge.preludes.<name>`` and copies ``globals_for_submission()`` into the
submission's module before executing it.
"""
