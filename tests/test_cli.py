"""The command line, run as a user would: encode, then decode what it printed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chutecode.cli import main

JPL = "34°11'58\"N 118°10'31\"W"


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    assert info.value.code == 0, out.err
    return out.out


def test_encode_bits_matches_the_reference(capsys, perseverance_reference):
    out = run(["encode", "DARE MIGHTY THINGS", "--coords", JPL, "-f", "bits"], capsys)
    assert out.splitlines() == [ring["bits"] for ring in perseverance_reference["rings"]]


def test_encode_table_shows_symbols_and_roles(capsys):
    out = run(["encode", "DARE MIGHTY THINGS", "--coords", "34 11 58 N 118 10 31 W"], capsys)
    assert "ring 2: line 'MIGHTY', starts at group 4" in out
    assert "000 0000100  data        D = 4" in out
    assert "000 1111111  terminator" in out
    assert "1111111111   fill" in out


def test_bits_round_trip_through_stdin(capsys, monkeypatch):
    bits = run(["encode", "Hello Mars", "--flow", "stream", "--coords", "-33.86, 151.21", "-f", "bits"],
               capsys)
    out = run(["decode", "--bits", "-", "--json"], capsys, stdin=bits, monkeypatch=monkeypatch)
    data = json.loads(out)
    assert data["message"] == "HELLO MARS"
    assert data["coords"] == "33°51'36\"S 151°12'36\"E"
    assert data["latitude"] == pytest.approx(-33.86)
    assert [ring["kind"] for ring in data["rings"]] == ["line", "line", "coordinates"]


def test_layout_file_round_trip(tmp_path, capsys):
    path = tmp_path / "layout.json"
    run(["encode", "Привет мир", "--codec", "utf8", "--gores", "120", "-f", "json", "-o", str(path)], capsys)
    assert json.loads(path.read_text(encoding="utf-8"))["scheme"]["codec"] == "utf8"
    out = run(["decode", "--layout", str(path)], capsys)
    assert out.splitlines()[0] == "message  Привет мир"
    assert list(tmp_path.iterdir()) == [path]   # no temporary file left behind


def test_console_script_runs_as_a_module():
    proc = subprocess.run([sys.executable, "-m", "chutecode", "encode", "DARE", "-f", "bits"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0000000100000000000100000100100000000101" + "0001111111" + "1" * 30
    bad = subprocess.run([sys.executable, "-m", "chutecode", "encode", "X", "--gores", "7"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_the_command_list_shows_each_commands_own_help_without_importing_it():
    import subprocess
    import sys

    import click

    from chutecode.cli import COMMANDS, cli

    with click.Context(cli) as ctx:
        for name, (_, line) in COMMANDS.items():
            assert cli.get_command(ctx, name).get_short_help_str(limit=1000) == line
    code = ("import sys; from chutecode.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('chutecode.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
    assert "render    Draw MESSAGE (and a place) as a parachute canopy." in out
