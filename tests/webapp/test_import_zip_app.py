"""The Design page's import box takes a .zip of a folder: Terraform modules are followed (AppTest)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from editor_support import open_import
from streamlit.testing.v1 import AppTest

from importers import import_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "terraform_modules"


def test_uploading_a_zip_of_a_terraform_folder_makes_it_the_design():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SAMPLE.rglob("*.tf")):
            archive.write(path, path.relative_to(SAMPLE).as_posix())
    at = open_import(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run())
    at.file_uploader(key="import_upload").upload("modules.zip", buffer.getvalue(), "application/zip").run()
    assert not at.exception and not at.error
    assert at.session_state["design"]["components"] == import_path(SAMPLE).design["components"]
    assert {"workers_orders", "workers_emails"} <= {c["id"] for c in at.session_state["design"]["components"]}
