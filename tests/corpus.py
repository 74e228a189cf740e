"""Where the real-world import corpus is (issue 17): `../shared/import-corpus` beside the project
(a checkout at /work/main), one level further up for a worktree (/work/wt/NAME), /work/shared/import-corpus
(a clone elsewhere on this machine, e.g. CI's clean clone), or $IMPORT_CORPUS.
Tests that read it skip when it is absent; no template of it is copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path | None:
    """The corpus folder, or None when it is not on this machine."""
    given = os.environ.get("IMPORT_CORPUS")
    candidates = [Path(given)] if given else []
    candidates += [ROOT.parent / "shared" / "import-corpus", ROOT.parent.parent / "shared" / "import-corpus",
                   Path("/work/shared/import-corpus")]
    return next((c for c in candidates if c.is_dir()), None)
