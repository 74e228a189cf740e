"""Malformed snapshot files never crash `account show/diff/import` or `check --account`: one line
naming the file and the field, exit 2. Files that are odd but well formed still work. And nothing
is overwritten without --force."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from malformed_snapshots import ACCEPTED, BASE, FN, MALFORMED, REGION, TOKYO, mutated

import commands.main as cli
from aws import SnapshotError, load_snapshot, parse_snapshot


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(params=sorted(MALFORMED))
def malformed(request, tmp_path) -> tuple[Path, str]:
    text, expected = MALFORMED[request.param]
    path = tmp_path / f"{request.param}.json"
    path.write_text(text, encoding="utf-8")
    return path, expected


def test_a_malformed_snapshot_is_one_line_naming_the_file_and_field(malformed):
    path, expected = malformed
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize("command", ["show", "diff", "import", "check"])
def test_no_command_crashes_on_a_malformed_snapshot(malformed, capsys, tmp_path, command):
    path, expected = malformed
    args = {"show": ["account", "show", "--account", str(path)],
            "diff": ["account", "diff", "photo_thumbnails", "--account", str(path)],
            "import": ["account", "import", "--account", str(path), "-o", str(tmp_path / "design.yaml")],
            "check": ["check", "photo_thumbnails", "--account", str(path)]}[command]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}: ") and expected in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "design.yaml").exists()


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_odd_but_well_formed_snapshots_still_work(name, capsys, tmp_path):
    path = tmp_path / "snapshot.json"
    path.write_text(ACCEPTED[name], encoding="utf-8")
    assert run(capsys, "account", "show", "--account", str(path))[0] == 0
    assert run(capsys, "account", "diff", "photo_thumbnails", "--account", str(path))[0] == 0
    assert run(capsys, "account", "import", "--account", str(path))[0] == 0


def test_a_snapshot_as_uploaded_is_checked_the_same_way():
    with pytest.raises(SnapshotError, match=r"^upload\.json: malformed snapshot: .*memory_mb: expected a whole number"):
        parse_snapshot(mutated(FN + ("memory_mb",), "big").encode(), "upload.json")


def test_the_error_names_what_was_found():
    with pytest.raises(SnapshotError) as caught:
        parse_snapshot(mutated(FN + ("memory_mb",), "big"), "s.json")
    assert str(caught.value).endswith("got 'big' (a string)")
    assert caught.value.field == f"accounts[0].regions.{REGION}.lambda.functions.value[0].memory_mb"


# ---- nothing overwritten without asking ----------------------------------------------------------

def test_import_refuses_to_replace_a_file_without_force(capsys, tmp_path):
    out = tmp_path / "design.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out))
    assert code == 2 and err == f"error: {out}: the file exists; pass --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "mine\n"
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out), "--force")
    assert code == 0 and "components" in out.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_import_into_a_missing_folder_is_one_line(capsys, tmp_path):
    out = tmp_path / "nowhere" / "design.yaml"
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out))
    assert code == 2 and err == f"error: {out}: the folder {out.parent} does not exist\n"


def test_pull_refuses_an_existing_file_or_missing_folder_before_it_reads(capsys, tmp_path, monkeypatch):
    import commands.account as commands

    def no_pull(*args, **kwargs):
        raise AssertionError("the pull must not start")
    monkeypatch.setattr(commands, "pull", no_pull)
    existing = tmp_path / "snapshot.json"
    existing.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(existing))
    assert code == 2 and err == f"error: {existing}: the file exists; pass --force to replace it\n"
    assert existing.read_text(encoding="utf-8") == "{}"
    missing = tmp_path / "no-such-folder" / "snapshot.json"
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(missing))
    assert code == 2 and err == f"error: {missing}: the folder {missing.parent} does not exist\n"
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(tmp_path))
    assert code == 2 and err == f"error: {tmp_path}: is a folder; give a file name\n"


@pytest.mark.parametrize("flag, value, message", [
    ("--deadline", "0", "--deadline 0: give seconds from 1 to 3600"),
    ("--deadline", "nan", "--deadline nan: give seconds from 1 to 3600"),
    ("--max-attempts", "0", "--max-attempts 0: give a whole number from 1 to 10"),
    ("--max-attempts", "99", "--max-attempts 99: give a whole number from 1 to 10"),
])
def test_pull_settings_out_of_range_are_one_line(capsys, flag, value, message):
    code, _, err = run(capsys, "pull", "--region", "us-east-1", flag, value)
    assert code == 2 and err == f"error: {message}\n"


def test_pull_with_force_replaces_the_file(capsys, tmp_path, monkeypatch):
    import commands.account as commands

    snapshot = load_snapshot(TOKYO)
    monkeypatch.setattr(commands, "pull", lambda *a, **k: snapshot)
    out = tmp_path / "snapshot.json"
    out.write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "pull", "--region", REGION, "-o", str(out), "--force")
    assert code == 0 and json.loads(out.read_text(encoding="utf-8")) == snapshot
    assert "snapshot written to" in err


# ---- random damage: a seeded fuzz over every field of the snapshot ------------------------------

FUZZ_VALUES = (None, "x", "", -1, 0, 1.5, 1e300, 10**20, 2**63, [], {}, True, [None], {"value": None},
               {"error": None}, {"value": "x"}, {"value": []}, {"value": {}}, "rest", "provisioned")


def _every_path(node, prefix=()):
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _every_path(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _every_path(value, (*prefix, i))


def test_random_damage_anywhere_never_crashes_a_command(capsys, tmp_path):
    """80 snapshots with one or two fields replaced or removed at random (seeded): every command
    ends with exit 0, 1 (check found a failing limit) or 2 with one line — never an exception."""
    import random

    rng = random.Random(20261202)
    paths = list(_every_path(BASE))
    path = tmp_path / "damaged.json"
    for _ in range(80):
        data = copy.deepcopy(BASE)
        for where in rng.sample(paths, rng.choice((1, 2))):
            node = data
            try:
                for key in where[:-1]:
                    node = node[key]
                if isinstance(node, dict) and rng.random() < 0.2:
                    node.pop(where[-1], None)
                else:
                    node[where[-1]] = copy.deepcopy(rng.choice(FUZZ_VALUES))
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change removed the path
        path.write_text(json.dumps(data), encoding="utf-8")
        for args in (["account", "show"], ["account", "diff", "photo_thumbnails"], ["account", "import"],
                     ["check", "photo_thumbnails"]):
            code, _, err = run(capsys, *args, "--account", str(path))
            assert code in (0, 1, 2), (args, code, err)
            assert code != 2 or len(err.strip().splitlines()) == 1, (args, err)
