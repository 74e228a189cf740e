"""The bundled design templates (common serverless patterns), as YAML files."""

from __future__ import annotations

from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent
#: template key → file, in the order the app and `cli.py templates` list them
ORDER = ("save_app_data", "photo_thumbnails", "photo_thumbnails_sqs", "authenticated_api", "static_site_cdn",
         "direct_invoke",
         "api_behind_cloudfront_waf",  # ---- kms
         # ---- sfn
         "order_workflow",
         # ---- end sfn
         )


def template_keys() -> list[str]:
    """Keys of the bundled templates, in display order."""
    return [k for k in ORDER if (TEMPLATE_DIR / f"{k}.yaml").exists()]


def template_path(key: str) -> Path:
    """The file of one template (KeyError for an unknown key)."""
    if key not in template_keys():
        raise KeyError(f"unknown template {key!r}; available: {', '.join(template_keys())}")
    return TEMPLATE_DIR / f"{key}.yaml"


def template_text(key: str) -> str:
    """The YAML text of one template."""
    return template_path(key).read_text(encoding="utf-8")
