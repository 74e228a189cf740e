"""The Region of an imported design: `--region` is kept as given, a Region the configuration names is used
when it has a price catalog, and whenever the design cannot be priced where the code runs the report warns
and the design's own description says so (importers/regions.py)."""

from __future__ import annotations

import pytest

import commands.main as cli
from importers import import_text
from models.design.text import load_design_data

TF = """\
provider "aws" {
  region = "%s"
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  memory_size   = 256
}
"""
CFN = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 256\n"
SLS = "service: s\nprovider: {name: aws, region: %s}\nfunctions: {f: {handler: h}}\n"


@pytest.fixture(autouse=True)
def no_refreshed_catalogs(tmp_path, monkeypatch):
    """An empty cache: no Region has a refreshed catalog unless a test writes one."""
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "catalog"


def test_a_providers_region_without_a_catalog_is_priced_in_us_east_1_and_says_so_in_the_design():
    result = import_text(TF % "eu-west-1", "main.tf")
    assert result.design["region"] == "us-east-1"
    said = ("provider.aws.region eu-west-1 has no price catalog yet: the design is priced in us-east-1 instead "
            "(region: us-east-1); to price it in eu-west-1, build its catalog with `python cli.py prices refresh "
            "--region eu-west-1` and import again (or import with --region eu-west-1)")
    assert result.report.notes[0] == said
    assert f"warning: {said}" in result.report.lines()
    assert result.design["description"].startswith(f"Imported from main.tf (Terraform). REGION: {said}. ASSUMED")


def test_a_china_region_is_not_priceable_and_the_design_says_where_it_is_priced():
    result = import_text(TF % "cn-north-1", "main.tf")
    assert result.design["region"] == "us-east-1"
    assert result.report.notes[0] == ("provider.aws.region cn-north-1 is not a Region the planner can price: the "
                                      "design is priced in us-east-1 instead (region: us-east-1); the planner prices "
                                      "AWS commercial Regions only (not China or GovCloud)")
    assert "REGION: provider.aws.region cn-north-1 is not a Region" in result.design["description"]


def test_a_providers_region_with_a_refreshed_catalog_is_kept(no_refreshed_catalogs):
    no_refreshed_catalogs.mkdir(parents=True)
    (no_refreshed_catalogs / "eu-west-1.yaml").write_text("region: eu-west-1\n")
    result = import_text(TF % "eu-west-1", "main.tf")
    assert result.design["region"] == "eu-west-1"
    assert not result.report.region_notes and "REGION" not in result.design["description"]


def test_a_bundled_providers_region_is_kept_without_a_warning():
    result = import_text(TF % "ap-northeast-1", "main.tf")
    assert result.design["region"] == "ap-northeast-1" and result.report.region_notes == []


@pytest.mark.parametrize(("text", "name"), [(CFN, "template.yaml"), (TF % "us-east-1", "main.tf"),
                                            (SLS % "us-east-1", "serverless.yml")])
def test_an_asked_region_without_a_catalog_is_kept_and_the_report_says_how_to_build_one(text, name):
    result = import_text(text, name, region="eu-west-1")
    assert result.design["region"] == "eu-west-1"
    said = ("region eu-west-1 has no price catalog yet: the design keeps region eu-west-1, and `estimate` refuses "
            "it until the catalog is built with `python cli.py prices refresh --region eu-west-1` (public price "
            "files, no credentials)")
    assert result.report.notes[0] == said and f"warning: {said}" in result.report.lines()
    assert f"REGION: {said}." in result.design["description"]


def test_a_serverless_providers_region_without_a_catalog_is_recorded():
    result = import_text(SLS % "us-west-2", "serverless.yml")
    assert result.design["region"] == "us-east-1"
    assert result.report.notes[0].startswith("provider.region us-west-2 has no price catalog yet: the design is "
                                             "priced in us-east-1 instead")
    assert "REGION: provider.region us-west-2" in result.design["description"]


def test_cli_import_in_a_region_without_a_catalog_says_to_build_it_before_estimate(tmp_path, capsys):
    template, out = tmp_path / "template.yaml", tmp_path / "design.yaml"
    template.write_text(CFN)
    assert cli.main(["import", str(template), "--region", "eu-west-1", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: region eu-west-1 has no price catalog yet" in err
    assert err.splitlines()[-1] == (f"wrote {out}; build eu-west-1's catalog first (python cli.py prices refresh "
                                    f"--region eu-west-1), then price it with: python cli.py estimate {out}")
    design = load_design_data(out.read_text())
    assert design["region"] == "eu-west-1" and "REGION: region eu-west-1 has no price catalog" in \
        design["description"]
    # estimate refuses it, with the same command
    assert cli.main(["estimate", str(out)]) == 2
    assert "python cli.py prices refresh --region eu-west-1" in capsys.readouterr().err
