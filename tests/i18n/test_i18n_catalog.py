"""The Japanese catalog against the engine's messages, found in the source (no design is built).

Every `msg("<id>", "<English template>", ...)` in the product code is read with `ast`. The catalog
(`i18n.engine_ja.JA`: id → (Japanese template, sha1 of the English template[:8])) must have an entry
for each id with the same placeholders, translated from the current English (the stored hash: when
an engine sentence is reworded, the test names its id, like gettext's "fuzzy"), and no entry whose
id the code no longer uses. An id is used with one English template only.
"""

from __future__ import annotations

import ast
import hashlib
import string
from pathlib import Path

from i18n.engine_ja import JA, say
from models.messages import msg

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "bench", "docs", ".git", "node_modules"}


def product_files() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if not SKIP & set(p.relative_to(ROOT).parts)]


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def found_messages() -> dict[str, set[tuple[str, str]]]:
    """id → {(English template, where)} for every msg(...) call with a literal id and template."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in product_files():
        text = path.read_text(encoding="utf-8")
        if "msg(" not in text:
            continue
        tree = ast.parse(text, str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert len(node.args) >= 2, f"{where}: msg(id, template, ...) needs both"
            mid, template = _literal(node.args[0]), _literal(node.args[1])
            assert mid is not None and template is not None, f"{where}: msg()'s id and template must be literal strings"
            found.setdefault(mid, set()).add((template, where))
    return found


MESSAGES = found_messages()


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def sha(template: str) -> str:
    return hashlib.sha1(template.encode("utf-8")).hexdigest()[:8]


def test_the_scan_finds_the_engine_messages():
    assert len(MESSAGES) > 150
    assert "lambda.timeout.consequence" in MESSAGES and "design.cache_rest_only" in MESSAGES


def test_each_id_has_one_english_template():
    twice = {mid: sorted(found) for mid, found in MESSAGES.items() if len({t for t, _ in found}) > 1}
    assert not twice, f"ids used with different templates: {twice}"


def test_every_id_has_a_japanese_entry():
    missing = sorted(set(MESSAGES) - set(JA))
    assert not missing, f"no Japanese for: {missing}"


def test_no_orphan_japanese_entries():
    orphans = sorted(set(JA) - set(MESSAGES))
    assert not orphans, f"Japanese for ids no code uses: {orphans}"


def test_placeholders_match():
    wrong = []
    for mid, found in MESSAGES.items():
        english = next(iter(found))[0]
        if mid in JA and fields(JA[mid][0]) != fields(english):
            wrong.append(f"{mid}: English {sorted(fields(english))}, Japanese {sorted(fields(JA[mid][0]))}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_translations_are_of_the_current_english():
    stale = []
    for mid, found in MESSAGES.items():
        english, where = next(iter(found))
        if mid in JA and JA[mid][1] != sha(english):
            stale.append(f"{mid} ({where}): the English changed; re-translate it, then store hash {sha(english)}")
    assert not stale, "Japanese written for an older English:\n" + "\n".join(stale)


def test_say_renders_japanese_with_the_same_params_and_falls_back_to_english():
    m = msg("lambda.timeout.consequence", "{pct:.3g}% of invocations run past the {timeout} s timeout and fail "
            "(billed to the timeout).", pct=1.23, timeout=10)
    assert say(m, "en") == str(m) == m and say(m, "en").id == m.id
    assert say(m, "ja").startswith("呼び出しの 1.23% が 10 秒のタイムアウト")
    unknown = msg("no.such.id", "something the engine never says about {x}", x=1)
    assert say(unknown, "ja") == "something the engine never says about 1"
    assert say("plain text", "ja") == "plain text" and say("—", "en") == "—"


def test_every_ui_word_is_in_english_and_japanese_under_a_namespace():
    from i18n.catalog import UI, section, t

    assert all(entry.get("en") and entry.get("ja") for entry in UI.values())
    assert all(key.split(".")[0] in ("export", "import", "account", "page", "field_help") for key in UI)
    assert t("page.limits.title", "ja") == section("page.limits")["title"]["ja"]
    assert t("export.generated", "en", date="1 Jul 2026").startswith("Prepared on 1 Jul 2026")
