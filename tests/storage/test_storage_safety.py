"""The saved-designs store never loses a design: concurrent saves of one name, a rename racing a
save, look-alike names, full disks and denied folders, and hostile files in the folder."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from models.design.schema import DesignError
from models.design.text import load_design_data
from storage import designs
from storage.designs import (
    MAX_NAME_BYTES,
    DesignChanged,
    DesignExists,
    DesignNotFound,
    DesignStore,
    FolderError,
    StorageError,
    check_name,
    name_key,
)

ROOT = Path(__file__).resolve().parents[2]


def named(design: dict, name: str) -> dict:
    return {**design, "name": name}


# ---- concurrent saves of one name: no lost update ------------------------------------------------

def test_an_overwrite_of_a_version_someone_else_replaced_is_refused(store, design):
    store.save("shared", named(design, "v1"))
    _, opened_by_a = store.load_versioned("shared")
    _, opened_by_b = store.load_versioned("shared")
    assert opened_by_a == opened_by_b == store.version("shared")
    store.save("shared", named(design, "A's edit"), overwrite=True, expected_version=opened_by_a)
    with pytest.raises(DesignChanged) as err:
        store.save("shared", named(design, "B's edit"), overwrite=True, expected_version=opened_by_b)
    assert err.value.code == "changed" and err.value.values["name"] == "shared"
    assert "after you opened it; nothing was saved" in str(err.value)
    assert err.value.values["version"] == store.version("shared")
    assert store.load("shared")["name"] == "A's edit"  # A's save is not lost
    # B is told, keeps its design, and can replace on purpose with the version it was shown now
    store.save("shared", named(design, "B's edit"), overwrite=True, expected_version=err.value.values["version"])
    assert store.load("shared")["name"] == "B's edit"


def test_the_version_given_when_asking_is_the_one_replaced(store, design):
    store.save("x", named(design, "first"))
    with pytest.raises(DesignExists) as asked:
        store.save("x", named(design, "mine"))
    shown = asked.value.values["version"]
    assert shown == store.version("x")
    store.save("x", named(design, "someone else"), overwrite=True)  # lands while the question is open
    with pytest.raises(DesignChanged):
        store.save("x", named(design, "mine"), overwrite=True, expected_version=shown)
    assert store.load("x")["name"] == "someone else"


def test_many_threads_overwriting_the_version_they_read_one_wins(store, design):
    store.save("race", named(design, "start"))
    version = store.version("race")
    barrier = threading.Barrier(16)
    outcome: dict[int, str] = {}

    def writer(n: int) -> None:
        barrier.wait()
        try:
            store.save("race", named(design, f"writer {n}"), overwrite=True, expected_version=version)
            outcome[n] = "saved"
        except DesignChanged:
            outcome[n] = "told"

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, result in outcome.items() if result == "saved"]
    assert len(outcome) == 16 and len(winners) == 1
    assert store.load("race")["name"] == f"writer {winners[0]}"


def test_many_threads_saving_a_new_name_one_wins_the_rest_are_asked(store, design):
    barrier = threading.Barrier(16)
    outcome: dict[int, str] = {}

    def writer(n: int) -> None:
        barrier.wait()
        try:
            store.save("new", named(design, f"writer {n}"))
            outcome[n] = "saved"
        except DesignExists:
            outcome[n] = "asked"

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, result in outcome.items() if result == "saved"]
    assert len(winners) == 1 and list(outcome.values()).count("asked") == 15
    assert store.load("new")["name"] == f"writer {winners[0]}"
    assert store.names() == ["new"]


WORKER = """
import sys
sys.path.insert(0, {root!r})
from storage.designs import DesignChanged, DesignStore
store = DesignStore({folder!r})
me, rounds, conflicts = sys.argv[1], int(sys.argv[2]), 0
for i in range(rounds):
    while True:
        data, version = store.load_versioned("counter")
        data["description"] = data.get("description", "") + f"{{me}}.{{i}};"
        try:
            store.save("counter", data, overwrite=True, expected_version=version)
            break
        except DesignChanged:
            conflicts += 1
print(conflicts)
"""


def test_processes_doing_read_modify_write_lose_no_update(store, design, tmp_path):
    store.save("counter", named(design, "counter") | {"description": ""})
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT), folder=str(store.folder)), encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), f"p{n}", "25"], stdout=subprocess.PIPE, text=True)
             for n in range(4)]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), outputs
    entries = [e for e in store.load("counter")["description"].split(";") if e]
    assert sorted(entries) == sorted(f"p{n}.{i}" for n in range(4) for i in range(25))  # every update kept


# ---- a rename racing a save -------------------------------------------------------------------------

def test_a_rename_never_replaces_a_design_saved_after_its_check(store, design, monkeypatch):
    store.save("draft", named(design, "the draft"))
    store.save("final", named(design, "saved a moment ago"))
    real_find = DesignStore._find

    def find_that_misses_final(self, name):  # as if "final" was saved just after the check
        return None if name == "final" else real_find(self, name)

    monkeypatch.setattr(DesignStore, "_find", find_that_misses_final)
    with pytest.raises(DesignExists):
        store.rename("draft", "final")
    monkeypatch.undo()
    assert store.load("final")["name"] == "saved a moment ago"
    assert store.load("draft")["name"] == "the draft"


def test_a_new_save_never_replaces_a_design_saved_after_its_check(store, design, monkeypatch):
    store.save("final", named(design, "saved a moment ago"))
    monkeypatch.setattr(DesignStore, "_find", lambda self, name: None)
    with pytest.raises(DesignExists):
        store.save("final", named(design, "mine"))
    monkeypatch.undo()
    assert store.load("final")["name"] == "saved a moment ago"


def test_renames_racing_saves_lose_nothing(store, design):
    for round_ in range(40):
        store.save(f"src{round_}", named(design, f"renamed {round_}"))
        barrier = threading.Barrier(2)
        result: dict[str, str] = {}

        def rename(r=round_):
            barrier.wait()
            try:
                store.rename(f"src{r}", f"dst{r}")
                result["rename"] = "done"
            except DesignExists:
                result["rename"] = "refused"

        def save(r=round_):
            barrier.wait()
            try:
                store.save(f"dst{r}", named(design, f"saved {r}"))
                result["save"] = "done"
            except DesignExists:
                result["save"] = "refused"

        threads = [threading.Thread(target=rename), threading.Thread(target=save)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(result.values()) == ["done", "refused"]
        if result["rename"] == "done":
            assert store.load(f"dst{round_}")["name"] == f"renamed {round_}"
            assert not store.exists(f"src{round_}")  # the save was refused: the caller still has its text
        else:
            assert store.load(f"dst{round_}")["name"] == f"saved {round_}"
            assert store.load(f"src{round_}")["name"] == f"renamed {round_}"


# ---- names that read the same -----------------------------------------------------------------------

@pytest.mark.parametrize("first, second", [
    ("Photo", "photo"), ("Photo", "PHOTO"), ("A", "Ａ"), ("Photo", "Ｐｈｏｔｏ"),
    ("caf\u00e9", "cafe\u0301"), ("Straße", "STRASSE"), ("ｶﾞｲﾄﾞ", "ガイド"), ("plan ①", "plan 1"),
])
def test_names_that_read_the_same_are_the_same_name(store, design, first, second):
    assert name_key(first) == name_key(second)
    store.save(first, named(design, "first"))
    with pytest.raises(DesignExists) as err:
        store.save(second, named(design, "second"))
    assert err.value.values["name"] == check_name(first)  # the question names the design that exists
    assert store.load(first)["name"] == "first"
    assert store.load(second)["name"] == "first"  # either spelling opens it
    store.save(second, named(design, "second"), overwrite=True)  # after asking: replaced in place
    assert len(store.names()) == 1 and store.load(first)["name"] == "second"
    store.save("other", design)
    with pytest.raises(DesignExists):
        store.rename("other", second)
    with pytest.raises(DesignExists):
        store.duplicate("other", second)
    assert store.load("other") == design and len(store.names()) == 2


def test_a_name_is_kept_composed(store, design):
    path = store.save("cafe\u0301", design)
    assert path.name == "caf\u00e9.yaml"


def test_changing_only_the_case_of_a_name_is_a_rename(store, design):
    store.save("photo", design)
    store.rename("photo", "Photo")
    assert store.names() == ["Photo"]
    assert store.load("Photo") == design


def test_a_file_made_outside_the_app_with_a_decomposed_name_is_found(store, design):
    store.save("seed", design)
    os.rename(store.folder / "seed.yaml", store.folder / "cafe\u0301.yaml")
    assert store.exists("caf\u00e9") and store.load("caf\u00e9") == design
    store.delete("caf\u00e9")
    assert store.names() == []


# ---- full disk, read-only folder, permission denied, long names -------------------------------------

def _half_then_full(fd, raw):
    os.write(fd, raw[: len(raw) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_mid_write_keeps_the_old_file(store, design, monkeypatch):
    store.save("a", named(design, "old"))
    before = (store.folder / "a.yaml").read_bytes()
    monkeypatch.setattr(designs, "_write_fully", _half_then_full)
    for attempt in (lambda: store.save("a", named(design, "new"), overwrite=True),
                    lambda: store.save("b", named(design, "new")),
                    lambda: store.duplicate("a", "c")):
        with pytest.raises(StorageError) as err:
            attempt()
        assert err.value.code == "no_space"
        assert "\n" not in str(err.value) and "the disk is full; nothing was changed" in str(err.value)
    assert (store.folder / "a.yaml").read_bytes() == before
    assert sorted(p.name for p in store.folder.iterdir()) == [".lock", "a.yaml"]  # no half-written file


@pytest.mark.parametrize("code, number", [("read_only", errno.EROFS), ("denied", errno.EACCES),
                                          ("denied", errno.EPERM), ("os_error", errno.EIO)])
def test_a_folder_that_refuses_writes_is_a_one_line_error(store, design, monkeypatch, code, number):
    store.save("a", named(design, "old"))

    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError) as err:
        store.save("a", named(design, "new"), overwrite=True)
    assert err.value.code == code and "\n" not in str(err.value) and "nothing was changed" in str(err.value)
    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "unlink", refuse)
    for attempt in (lambda: store.rename("a", "b"), lambda: store.delete("a")):
        with pytest.raises(StorageError) as err:
            attempt()
        assert err.value.code == code
    monkeypatch.undo()
    assert store.names() == ["a"] and store.load("a")["name"] == "old"


def test_a_lock_file_that_cannot_be_made_is_a_one_line_error(store, design, monkeypatch):
    store.folder.mkdir(parents=True)
    real_open = os.open

    def read_only(path, flags, *args):
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StorageError) as err:
        store.save("a", design)
    assert err.value.code == "read_only" and "the folder is read-only" in str(err.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_real_read_only_folder(store, design):
    store.save("a", design)
    store.folder.chmod(0o500)
    try:
        with pytest.raises(StorageError) as err:
            store.save("b", design)
        assert err.value.code == "denied"
        assert store.load("a") == design
    finally:
        store.folder.chmod(0o700)


def test_a_name_over_255_bytes_is_refused_before_anything_is_written(store, design):
    name = "😀" * 64  # 64 characters, 256 bytes
    with pytest.raises(StorageError) as err:
        store.save(name, design)
    assert err.value.code == "name_bytes" and err.value.values["bytes"] == 256
    assert f"a file name allows {MAX_NAME_BYTES}" in str(err.value)
    store.save("ok", design)
    for attempt in (lambda: store.rename("ok", name), lambda: store.duplicate("ok", name)):
        with pytest.raises(StorageError) as err:
            attempt()
        assert err.value.code == "name_bytes"
    assert store.names() == ["ok"]
    assert len(("写" * 80).encode()) <= MAX_NAME_BYTES  # the longest Japanese name still fits
    store.save("写" * 80, design)


def test_a_file_system_with_shorter_names_is_a_clean_error(store, design, monkeypatch):
    store.folder.mkdir(parents=True)
    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.ENAMETOOLONG, "File name too long")))
    with pytest.raises(StorageError) as err:
        store.save("写" * 80, design)
    assert err.value.code == "name_bytes" and err.value.values["bytes"] == 240


def test_an_unreadable_folder_is_a_folder_error_not_a_crash(store, monkeypatch):
    store.folder.mkdir(parents=True)

    def denied(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "scandir", denied)
    with pytest.raises(FolderError) as err:
        store.list()
    assert isinstance(err.value, OSError) and err.value.code == "folder_unreadable"


def test_a_folder_path_that_is_a_file(tmp_path, design):
    (tmp_path / "file").write_text("x")
    store = DesignStore(tmp_path / "file")
    with pytest.raises(StorageError):
        store.list()
    with pytest.raises(StorageError):
        store.save("a", design)


# ---- hostile files in the folder -----------------------------------------------------------------------

HOSTILE_FILES = {
    "invalid yaml": (b"name: [unclosed\n", "design file line"),
    "deep json": (b"[" * 100_000 + b"]" * 100_000, "broken"),
    "deep yaml": (b"name: x\ncomponents: " + b"[" * 5_000 + b"]" * 5_000 + b"\n", "broken"),
    "huge int": (b"name: x\nworkload: {requests_per_month: " + b"9" * 5_000 + b"}\n", "broken"),
    "a list": (b"- 1\n- 2\n", "expected a mapping"),
    "a number": (b"42\n", "expected a mapping"),
    "binary": (bytes(range(256)) * 4, "not UTF-8 text"),
    "nul bytes": (b"name: x\x00\x00\n", "broken"),
    "int key": (b"1: 1\nname: T\n", "key"),
    "empty": (b"", "empty"),
    "too large": (b"name: x\n" + b"#" * 1_100_000, "too large"),
    "alias bomb": (b"a: &a [1]\nb: *a\n", "aliases"),
    "python tag": (b"name: !!python/object/apply:os.system [echo hi]\n", "broken"),
}


@pytest.mark.parametrize("label", list(HOSTILE_FILES))
def test_one_hostile_file_is_named_and_the_others_still_work(store, design, label):
    raw, reason = HOSTILE_FILES[label]
    store.save("good", design)
    (store.folder / "bad.yaml").write_bytes(raw)
    assert store.names() == ["bad", "good"]
    with pytest.raises((DesignError, StorageError)) as err:
        store.load("bad")
    message = err.value.problems[0] if isinstance(err.value, DesignError) else str(err.value)
    assert "\n" not in message and "bad" in message
    if reason != "broken":
        assert reason in message
    assert store.load("good") == design
    store.delete("bad")
    assert store.names() == ["good"]


def test_files_the_app_would_not_name_can_still_be_opened_and_deleted(store, design):
    store.save("seed", design)
    text = (store.folder / "seed.yaml").read_text(encoding="utf-8")
    odd = ["a:b", "x" * 120, "tab\tname"]
    for name in odd:
        (store.folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert set(odd) <= set(store.names())
    for name in odd:
        assert store.load(name) == design
        store.delete(name)
    assert store.names() == ["seed"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_special_files_are_not_listed(store, design):
    store.save("good", design)
    os.symlink("/dev/zero", store.folder / "zero.yaml")
    os.mkfifo(store.folder / "fifo.yaml")
    (store.folder / "dir.yaml").mkdir()
    (store.folder / ".hidden.yaml").write_text("name: x")
    assert store.names() == ["good"]


def test_a_vanished_design_is_not_found(store, design):
    with pytest.raises(DesignNotFound):
        store.rename("nope", "x")
    with pytest.raises(DesignNotFound):
        store.duplicate("nope", "x")
    assert store.version("nope") is None


def test_the_saved_yaml_is_what_was_saved(store, design):
    store.save("a", design)
    raw = (store.folder / "a.yaml").read_bytes()
    assert store.version("a") == designs.version_of(raw)
    assert load_design_data(raw.decode()) == json.loads(json.dumps(design))


@pytest.mark.parametrize("failure, reason", [
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply to read"),
    (ValueError("Exceeds the limit (4300 digits) for integer string conversion"), "a number has more than 4,300 digits"),
    (IndexError("list index out of range"), "not a readable design file (IndexError)"),
    (TypeError("unhashable type: 'dict'"), "not a readable design file (TypeError)"),
])
def test_any_parser_crash_is_a_named_reason(store, design, monkeypatch, failure, reason):
    """Whatever the YAML/JSON layer raises, the store turns it into one line naming the file."""
    store.save("bad", design)

    def crash(text):
        raise failure

    monkeypatch.setattr(designs, "load_design_data", crash)
    with pytest.raises(DesignError) as err:
        store.load("bad")
    assert err.value.problems == [f"bad.yaml: {reason}"]


def _errors(store: DesignStore, design: dict, monkeypatch) -> list[StorageError]:
    """One real error of each kind the store raises."""
    found: list[StorageError] = []

    def catch(action):
        try:
            action()
        except StorageError as err:
            found.append(err)
        else:  # pragma: no cover - the test below would miss a message
            raise AssertionError(f"{action} raised nothing")

    store.save("a", design)
    catch(lambda: store.save("a", design))                                   # exists
    version = store.version("a")
    store.save("a", named(design, "other"), overwrite=True)
    catch(lambda: store.save("a", design, overwrite=True, expected_version=version))  # changed
    catch(lambda: store.load("nope"))                                        # not_found
    catch(lambda: store.save("😀" * 64, design))                             # name_bytes
    catch(lambda: store.save("a/b", design))                                 # name_chars
    catch(lambda: store.save("", design))                                    # name_empty
    catch(lambda: store.save(".x", design))                                  # name_dot
    catch(lambda: store.save("x" * 81, design))                              # name_long
    (store.folder / "big.yaml").write_bytes(b"#" * 1_100_000)
    catch(lambda: store.load("big"))                                         # too_large
    for number in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO):
        with monkeypatch.context() as patch:
            patch.setattr(designs, "_write_fully", lambda fd, raw, n=number: (_ for _ in ()).throw(OSError(n, "x")))
            catch(lambda: store.save("a", design, overwrite=True))
    with monkeypatch.context() as patch:
        patch.setattr(os, "scandir", lambda path: (_ for _ in ()).throw(PermissionError(errno.EACCES, "denied")))
        catch(lambda: store.list())                                          # folder_unreadable
    return found


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_storage_error_has_a_message_in_both_languages(store, design, monkeypatch, lang):
    from i18n.catalog import TEXT, tf

    errors = _errors(store, design, monkeypatch)
    codes = {err.code for err in errors}
    assert codes >= {"exists", "changed", "not_found", "name_bytes", "name_chars", "name_empty", "name_dot",
                     "name_long", "too_large", "no_space", "read_only", "denied", "os_error", "folder_unreadable"}
    for err in errors:
        key = f"storage_{err.code}"
        assert key in TEXT, key
        text = tf(key, lang, **err.values)
        assert "{" not in text and "\n" not in text and "\n" not in str(err)
        if lang == "ja":
            assert any("\u3040" <= ch <= "\u30ff" for ch in text), text


def test_a_killed_save_leaves_nothing_that_lasts(store, design):
    store.save("a", design)
    old, fresh = store.folder / ".old.tmp", store.folder / ".fresh.tmp"
    old.write_text("half a design")
    fresh.write_text("another program's write in progress")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    assert store.names() == ["a"]  # never listed
    store.save("b", design)
    assert not old.exists() and fresh.exists()


def test_changing_a_missing_design_in_a_missing_folder_creates_nothing(tmp_path):
    store = DesignStore(tmp_path / "absent")
    for action in (lambda: store.delete("x"), lambda: store.rename("x", "y"), lambda: store.duplicate("x", "y")):
        with pytest.raises(DesignNotFound):
            action()
    assert not store.folder.exists()


KILLED_WRITER = """
import sys
sys.path.insert(0, {root!r})
from storage.designs import DesignStore
store = DesignStore({folder!r})
print("saving", flush=True)  # imports done: the kill below lands among saves, however slow the start
n = 0
while True:
    n += 1
    store.save("victim", {{"name": "v" + str(n % 3), "description": "x" * (50_000 * (n % 3 + 1))}}, overwrite=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_9_during_saves_never_leaves_a_broken_or_missing_file(store, tmp_path):
    import random
    import signal
    import time

    store.save("victim", {"name": "v0", "description": "x" * 50_000})
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER.format(root=str(ROOT), folder=str(store.folder)), encoding="utf-8")
    allowed = {(f"v{k}", 50_000 * (k + 1)) for k in range(3)}
    versions = {store.version("victim")}
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == b"saving\n"
        time.sleep(random.uniform(0.05, 0.4))  # the writer saves in a loop meanwhile
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = store.load("victim")  # always a whole design, never a half-written one
        assert (data["name"], len(data["description"])) in allowed
        assert store.names() == ["victim"]
        versions.add(store.version("victim"))
    assert len(versions) > 1  # the writer really was saving when it was killed
    store.save("victim", {"name": "after"}, overwrite=True)  # the lock died with the process
    assert store.load("victim") == {"name": "after"}
