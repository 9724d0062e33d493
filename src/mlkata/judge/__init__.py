"""The judge: runs a submission in an isolated child process, compares its outputs with
oracle-computed expectations, names the known mistake it saw, and returns a result object.

Public API: :func:`mlkata.judge.core.judge` and :class:`mlkata.judge.result.Result`.
The judge knows no problem by name: everything problem-specific lives in the bank.
"""
