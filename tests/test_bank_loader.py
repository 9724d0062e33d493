"""Malformed bank files fail with the file and the field named."""

from __future__ import annotations

import shutil

import pytest

from mlkata.bank import BankError, load_bank


@pytest.fixture
def bank_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(load_bank().root, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    "old,new,field",
    [
        ('level = "L1"', 'level = "L9"', "level"),
        ('framework = "numpy"', 'framework = "jax"', "framework"),
        ('id = "softmax"', 'id = "soft max"', "id"),
        ('time = 20', 'time = -1', "limits.time"),
        ('float32 = {rtol = 2e-5, atol = 1e-7}', 'float32 = {rtol = "tight"}', "tolerance.float32.rtol"),
        ('title = "Numerically stable softmax"', '', "title"),
        ('id = "no-keepdims"', 'id = "no-such-file"', "mistakes[2].id"),
    ],
)
def test_malformed_problem_names_file_and_field(bank_copy, old, new, field):
    toml = bank_copy / "problems" / "softmax" / ".meta" / "problem.toml"
    _edit(toml, old, new)
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    assert err.value.field == field
    assert str(toml) in str(err.value)


def test_wrong_format_version_is_refused(bank_copy):
    _edit(bank_copy / "bank.toml", "format_version = 1", "format_version = 99")
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    assert err.value.field == "format_version"


def test_invalid_toml_names_the_file(bank_copy):
    toml = bank_copy / "problems" / "softmax" / ".meta" / "problem.toml"
    toml.write_text(toml.read_text() + "\n[[[broken\n")
    with pytest.raises(BankError, match="not valid TOML") as err:
        load_bank(bank_copy)
    assert str(toml) in str(err.value)


def test_cli_reports_malformed_bank_without_traceback(bank_copy, monkeypatch, mlkata):
    _edit(bank_copy / "problems" / "softmax" / ".meta" / "problem.toml", 'level = "L1"', 'level = 3')
    monkeypatch.setenv("MLKATA_BANK", str(bank_copy))
    r = mlkata("list")
    assert r.exit_code == 1
    assert "field 'level'" in r.output and "Traceback" not in r.output


def test_broken_case_generator_is_named_not_a_traceback(bank_copy, monkeypatch, mlkata, tmp_path):
    cases = bank_copy / "problems" / "softmax" / ".meta" / "cases.py"
    cases.write_text(cases.read_text().replace("def generate():", "def generate():\n    raise ValueError('boom')"))
    monkeypatch.setenv("MLKATA_BANK", str(bank_copy))
    monkeypatch.setenv("MLKATA_CACHE", str(tmp_path / "fresh-cache"))
    sub = tmp_path / "s.py"
    sub.write_text("def softmax(x):\n    return x\n")
    r = mlkata("check", "softmax", "--file", str(sub))
    assert r.exit_code == 1
    assert str(cases) in r.output and "boom" in r.output and "Traceback" not in r.output
