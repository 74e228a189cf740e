"""The import's pure rules with plain values: schedules, ids, choosing `from`, splits, cycles, doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

from importers.build import build_design
from importers.common import Component, Found, ImportReport, Trigger, Unresolved, component_id, unique_ids
from importers.schedule import monthly_runs


@pytest.mark.parametrize("expression, runs", [
    ("rate(1 minute)", 43_800.0),         # 730 h × 60
    ("rate(5 minutes)", 8_760.0),
    ("rate(2 hours)", 365.0),
    ("rate(1 day)", 30.42),               # 730 / 24
    ("rate(7 days)", 4.35),
    ("cron(0 * * * ? *)", 730.0),         # every hour = rate(1 hour)
    ("cron(0/10 * * * ? *)", 4_380.0),    # = rate(10 minutes)
    ("cron(0 12 * * ? *)", 30.42),        # once a day
    ("cron(0 9 ? * MON-FRI *)", 21.73),   # 5 weekdays × 730/24/7 weeks
    ("cron(0 9 ? * 2#1 *)", 1.0),         # first Monday of the month
    ("cron(0 0 L * ? *)", 1.0),           # last day of the month
    ("cron(0 8,20 1,15 * ? *)", 4.0),     # twice a day on two days
    ("cron(30 2 * 1,7 ? *)", 5.07),       # daily in January and July only: 30.42 × 2/12
    ("cron(0 9 * * MON *)", 4.35),        # '*' where AWS wants '?': read as every Monday
])
def test_schedules_count_runs_in_a_730_hour_month(expression, runs):
    assert monthly_runs(expression) == runs


@pytest.mark.parametrize("expression", [
    "at(2026-12-01T00:00:00)", "rate(0 minutes)", "rate(5 fortnights)", "cron(0 9 1 * MON *)", "cron(0 25 * * ? *)",
    "cron(* * * *)",
])
def test_schedules_that_cannot_be_counted_are_unresolved(expression):
    with pytest.raises(Unresolved):
        monthly_runs(expression)


@pytest.mark.parametrize("hint, component", [
    ("ThumbnailFunction", "thumbnail_function"), ("ServerlessHttpApi", "serverless_http_api"),
    ("IndexDLQ", "index_dlq"), ("S3Bucket", "s3_bucket"), ("events-dlq", "events-dlq"), ("9lives", "r_9lives"),
    ("A" * 60, "a" * 40), ("Über.Table", "ber_table"),
])
def test_component_ids_follow_the_design_pattern(hint, component):
    assert component_id(hint) == component


def test_clashing_ids_stay_unique():
    comps = [Component(f"k{i}", kind, "t", "app") for i, kind in enumerate(["lambda", "dynamodb", "lambda", "lambda"])]
    assert list(unique_ids(comps).values()) == ["app", "app_dynamodb", "app_lambda", "app_2"]


def design_of(found: Found) -> tuple[dict, ImportReport]:
    report = ImportReport("t", "test")
    return build_design(found, name="t", region="us-east-1", report=report), report


def fn(key: str, refs: tuple[str, ...] = ()) -> Component:
    return Component(key, "lambda", "t", key, {"memory_mb": 128}, frozenset(refs))


def test_the_api_wins_over_a_queue_and_a_schedule_and_the_others_are_noted():
    found = Found()
    for comp in (Component("Api", "api_gateway", "t", "Api", {"api": "http"}), Component("Q", "sqs", "t", "Q"),
                 fn("F")):
        found.add(comp)
    found.triggers += [Trigger("F", None, "s", runs_per_month=730.0), Trigger("F", "Q", "q"), Trigger("F", "Api", "a")]
    design, report = design_of(found)
    assert design["components"][2]["from"] == "api"
    assert report.notes == ["f: driven by api; also invoked by a schedule, q (sqs), which is not counted (a design "
                            "component has one `from`)"]


def test_schedules_alone_add_up_to_invocations_per_month():
    found = Found()
    found.add(fn("F"))
    found.triggers += [Trigger("F", None, "a", runs_per_month=730.0), Trigger("F", None, "b", runs_per_month=21.73)]
    design, _ = design_of(found)
    assert design["components"][0]["invocations_per_month"] == 751.73
    assert "workload" not in design  # nothing is driven by client requests


def test_a_reference_that_would_close_a_loop_is_not_wired():
    found = Found()
    found.add(Component("T", "dynamodb", "t", "T"))
    found.add(fn("F", refs=("T",)))                      # F is driven by T's stream and writes to T
    found.add(fn("G", refs=("Q",)))
    found.add(Component("Q", "sqs", "t", "Q"))
    found.triggers.append(Trigger("F", "T", "stream"))
    design, report = design_of(found)
    links = {c["id"]: c.get("from") for c in design["components"]}
    assert links == {"t": None, "f": "t", "g": None, "q": "g"}
    assert "q: driven by function g, the only function that references it (environment or policies)" in report.notes


def test_routes_split_an_api_and_origins_split_a_distribution():
    found = Found()
    for comp in (Component("Cdn", "cloudfront", "t", "Cdn"), Component("Api", "api_gateway", "t", "Api"),
                 Component("Site", "s3", "t", "Site"), fn("A"), fn("B")):
        found.add(comp)
    found.triggers += [Trigger("Api", "Cdn", "o1"), Trigger("Site", "Cdn", "o2"), Trigger("A", "Api", "r1"),
                       Trigger("A", "Api", "r2"), Trigger("B", "Api", "r3")]
    comps = {c["id"]: c for c in design_of(found)[0]["components"]}
    assert (comps["api"]["calls"], comps["site"]["calls"]) == (0.5, 0.5)
    assert (comps["a"]["calls"], comps["b"]["calls"]) == (0.666667, 0.333333)
    assert (comps["site"]["puts"], comps["site"]["gets"]) == (0, 1)


def test_the_report_reads_as_lines_with_section_labels():
    report = ImportReport("t.yaml", "SAM", recognised=["A"], ignored=["B"], unresolved=["C"], assumptions=["D"],
                          notes=["E"])
    assert report.lines() == ["imported t.yaml (SAM): 1 recognised, 1 ignored, 1 unresolved", "recognised: A",
                              "ignored: B", "unresolved: C", "assumed: D", "note: E"]


@pytest.mark.parametrize("module", ["importers.common", "importers.intrinsics", "importers.schedule",
                                    "importers.tf_expr", "importers.cfn_resources", "commands.import_design",
                                    "webapp.views.import_box"])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
