"""`observe` against real parts: boto3 → a moto ThreadedMotoServer on 127.0.0.1 seeded through PutMetricData
with a known synthetic fortnight (tests/observe_support.py), then `account import --observe` on it; the
calibrated design is checked against the generator's truth. Faults (a hanging endpoint, AccessDenied on
one namespace, throttling) each leave a named gap.

moto 5.2 cannot answer percentile statistics (GetMetricData with Stat "p99" fails with HTTP 500 in
moto's serializer), so the percentile calls alone are answered Stubber-style: at botocore's
`before-call` hook, with a response validated against the installed service model's output shape
(botocore.validate, as botocore's Stubber does). Everything else is moto's answer.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

import numpy as np
import pytest
import yaml
from account_fault_proxy import FaultProxy
from account_support import (  # noqa: F401 - aws and moto_url are fixtures
    aws,
    client,
    factory_with,
    json_error,
    missing_in_moto,
    moto_url,
    populate,
)
from botocore.awsrequest import AWSResponse
from botocore.validate import validate_parameters
from observe_support import DAILY, HOURS, NOW, START, WEEKLY, expected_hourly, poisson, truth_profile

from aws import PullSettings, pull, save_snapshot
from aws.iam import policy
from aws.observe import CALLS, QUERIES_PER_CALL, ObserveError, check_request, observe
from aws.readers import READERS
from aws.session import default_client_factory
from commands.main import main
from models.design.schema import parse_design
from models.design.text import load_design_data
from models.run.flow import monthly_events
from models.run.traffic import client_monthly_requests, shape
from service.observe import calibrate

REST_MONTHLY, HTTP_MONTHLY = 2_000_000, 1_000_000
THUMBNAILS_PER_HOUR = 200          # flat: 200 × 730 = 146,000 a month
PHOTOS_RCU_PER_HOUR = 500          # flat: 500 × 730 = 365,000 RCU → 730,000 eventual 1 KB reads
DURATION_P50_MS, DURATION_SIGMA = 120.0, 0.5
#: lognormal p99 = p50 × exp(σ × z₀.₉₉) = 120 × exp(0.5 × 2.3263) = 384.0 ms
TRUE_P99_MS = DURATION_P50_MS * float(np.exp(DURATION_SIGMA * 2.3263479))


def put(namespace: str, metric: str, dims: list[dict], values: np.ndarray, unit: str = "Count") -> None:
    """One datum per hour from START (PutMetricData takes at most 1,000 datums a call)."""
    data = [{"MetricName": metric, "Dimensions": dims, "Timestamp": START + timedelta(hours=h), "Value": float(v),
             "Unit": unit} for h, v in enumerate(values) if v > 0]
    for first in range(0, len(data), 1000):
        client("cloudwatch").put_metric_data(Namespace=namespace, MetricData=data[first:first + 1000])


def seed(http_api_id: str) -> dict[str, np.ndarray]:
    """The synthetic fortnight: two APIs with the mobile-evening × weekdays shape, the function behind them
    invoked once per request, a flat thumbnailer, a flat table, a queue."""
    rest = poisson(expected_hourly(REST_MONTHLY), seed=11)
    http = poisson(expected_hourly(HTTP_MONTHLY), seed=12)
    put("AWS/ApiGateway", "Count", [{"Name": "ApiName", "Value": "photos-rest"}, {"Name": "Stage", "Value": "prod"}],
        rest)
    put("AWS/ApiGateway", "Count", [{"Name": "ApiId", "Value": http_api_id}, {"Name": "Stage", "Value": "$default"}],
        http)
    fn = lambda name: [{"Name": "FunctionName", "Value": name}]  # noqa: E731
    put("AWS/Lambda", "Invocations", fn("api-handler"), rest + http)
    put("AWS/Lambda", "ConcurrentExecutions", fn("api-handler"), np.ceil((rest + http) / 3600 * 0.12))
    put("AWS/Lambda", "Invocations", fn("thumbnailer"), np.full(HOURS, float(THUMBNAILS_PER_HOUR)))
    put("AWS/Lambda", "Duration", fn("thumbnailer"), np.full(HOURS, DURATION_P50_MS), unit="Milliseconds")
    put("AWS/DynamoDB", "ConsumedReadCapacityUnits", [{"Name": "TableName", "Value": "Photos"}],
        np.full(HOURS, float(PHOTOS_RCU_PER_HOUR)))
    put("AWS/SQS", "NumberOfMessagesSent", [{"Name": "QueueName", "Value": "resize-jobs"}], np.full(HOURS, 50.0))
    return {"rest": rest, "http": http}


def durations_ms() -> np.ndarray:
    """The thumbnailer's 200 × 336 invocation durations: lognormal, p50 120 ms, σ 0.5."""
    rng = np.random.default_rng(21)
    return DURATION_P50_MS * np.exp(DURATION_SIGMA * rng.standard_normal(THUMBNAILS_PER_HOUR * HOURS))


def percentile_answers(samples: dict[str, np.ndarray], seen: list[dict], faults: dict | None = None):
    """A client factory: moto for everything (but `faults`, answered at before-send), percentile GetMetricData
    answered from `samples` (by function)."""
    def factory(session, service, region, config):
        made = factory_with({**missing_in_moto(), **(faults or {})})(session, service, region, config)
        if service != "cloudwatch":
            return made
        output = made.meta.service_model.operation_model("GetMetricData").output_shape

        def answer(model, params, context, **_):
            if model.name != "GetMetricData":
                return None
            queries = json.loads(json.dumps(context.get("observe_queries") or []))
            if not any(q["MetricStat"]["Stat"].startswith("p") for q in queries):
                return None
            seen.append(context["observe_params"])
            results = []
            for q in queries:
                name = q["MetricStat"]["Metric"]["Dimensions"][0]["Value"]
                level = float(q["MetricStat"]["Stat"][1:])
                values = [float(np.percentile(samples[name], level))] if name in samples else []
                results.append({"Id": q["Id"], "Label": name, "StatusCode": "Complete", "Values": values,
                                "Timestamps": [context["observe_params"]["StartTime"]] if values else []})
            parsed = {"MetricDataResults": results, "Messages": [], "ResponseMetadata": {"HTTPStatusCode": 200}}
            validate_parameters({k: v for k, v in parsed.items() if k != "ResponseMetadata"}, output)
            return AWSResponse(None, 200, {}, None), parsed

        def remember(params, context, **_):
            context["observe_queries"] = params.get("MetricDataQueries")
            context["observe_params"] = params
        made.meta.events.register("before-parameter-build.cloudwatch.GetMetricData", remember)
        made.meta.events.register_first("before-call.cloudwatch.GetMetricData", answer)
        return made
    return factory


@pytest.fixture
def seeded(aws, tmp_path):  # noqa: F811 - the fixture
    """The photo account (tests/account_support.py), its snapshot file, and the seeded metrics."""
    ids = populate()
    snapshot = pull(regions=["us-east-1"], sections=["lambda", "apigateway", "apigatewayv2", "dynamodb", "sqs"],
                    client_factory=factory_with(missing_in_moto()))
    path = tmp_path / "snapshot.json"
    save_snapshot(snapshot, path)
    return {"snapshot": path, "http_id": ids["http"], "counts": seed(ids["http"])}


def test_observe_and_account_import_reproduce_the_known_fortnight(seeded, tmp_path, capsys):
    seen: list[dict] = []
    data = observe(None, "us-east-1", 14, settings=PullSettings(deadline_s=60), now=NOW,
                   client_factory=percentile_answers({"thumbnailer": durations_ms()}, seen))
    assert data["gaps"] == []
    assert data["start"] == "2026-11-17T00:00:00Z" and data["hours"] == HOURS
    names = {(r["kind"], r["name"]) for r in data["resources"]}
    assert {("api", "photos-rest"), ("api", seeded["http_id"]), ("lambda", "api-handler"), ("lambda", "thumbnailer"),
            ("dynamodb", "Photos"), ("sqs", "resize-jobs")} <= names
    assert len(seen) == 1 and {q["MetricStat"]["Stat"] for q in seen[0]["MetricDataQueries"]} == {"p50", "p95", "p99"}
    assert seen[0]["EndTime"] - seen[0]["StartTime"] == timedelta(days=14)
    observation = tmp_path / "observation.json"
    observation.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "calibrated.yaml"
    code = main(["account", "import", "--account", str(seeded["snapshot"]), "--observe", "--observation",
                 str(observation), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "observed: 2026-11-17..2026-11-30" in text
    design = parse_design(load_design_data(text))
    truth = REST_MONTHLY + HTTP_MONTHLY
    # monthly volumes within 1 % of the generator's truth
    assert abs(client_monthly_requests(design.workload) / truth - 1) < 0.01
    events = {k: float(v) for k, v in monthly_events(design).items()}
    assert abs(events["api-handler"] / truth - 1) < 0.01
    assert abs(events["photos-rest"] / REST_MONTHLY - 1) < 0.01
    assert abs(events["thumbnailer"] / (THUMBNAILS_PER_HOUR * 730) - 1) < 0.01
    photos = design.component("photos")
    assert photos.reads_per_month == PHOTOS_RCU_PER_HOUR * 730 * 2      # 0.5 RCU per eventual 1 KB read
    assert design.component("resize-jobs").messages_per_month == 50 * 730
    # the hourly profile correlates with the truth
    assert np.corrcoef(shape(design.workload), truth_profile())[0, 1] >= 0.99
    # p99 duration within 5 % of the lognormal's
    assert abs(design.component("thumbnailer").duration_ms.p99 / TRUE_P99_MS - 1) < 0.05
    # what could not be observed stays a marked assumption
    assert "api-handler.duration_ms: not observed" in text and "workload.burstiness: not observed" in text


def test_cli_observe_apply_writes_a_new_file_and_never_overwrites_without_force(seeded, tmp_path, capsys):
    data = observe(None, "us-east-1", 14, now=NOW, client_factory=percentile_answers({}, []))
    observation = tmp_path / "observation.json"
    observation.write_text(json.dumps(data), encoding="utf-8")
    design = tmp_path / "mine.yaml"
    design.write_text("name: mine\nworkload: {requests_per_month: 5}\ncomponents:\n"
                      "  - {id: photos-rest, type: api_gateway}\n  - {id: api-handler, type: lambda, from: photos-rest}\n",
                      encoding="utf-8")
    assert main(["observe", "--from", str(observation), "--apply", str(design)]) == 0
    written = tmp_path / "mine.observed.yaml"
    calibrated = parse_design(load_design_data(written.read_text(encoding="utf-8")))
    assert abs(client_monthly_requests(calibrated.workload) / REST_MONTHLY - 1) < 0.01
    assert calibrated.component("api-handler").calls == pytest.approx(1.5, rel=0.01)  # (rest + http) ÷ rest
    assert design.read_text(encoding="utf-8").startswith("name: mine")
    assert main(["observe", "--from", str(observation), "--apply", str(design)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert main(["observe", "--from", str(observation), "--apply", str(design), "--force"]) == 0


def test_too_many_days_are_refused_with_one_clear_line(capsys):
    with pytest.raises(ObserveError, match="at minute resolution give 1 to 15 days"):
        check_request(16, "minute")
    check_request(63, "hour")
    assert main(["observe", "--days", "64", "--region", "us-east-1"]) == 2
    err = capsys.readouterr().err
    assert "--days 64: at hour resolution give 1 to 63 days" in err and "Traceback" not in err


def test_the_policy_gains_exactly_the_observe_actions():
    pull_and_prices = {c.action for reader in READERS.values() for c in reader.CALLS}
    allowed = {a for s in policy()["Statement"] for a in s["Action"]}
    assert {c.action for c in CALLS} == {"cloudwatch:ListMetrics", "cloudwatch:GetMetricData"}
    assert "cloudwatch:ListMetrics" not in pull_and_prices and "cloudwatch:GetMetricData" in pull_and_prices
    assert "cloudwatch:ListMetrics" in allowed
    assert QUERIES_PER_CALL == 500


# ---- faults -----------------------------------------------------------------------------------------

def refusing(namespace: bytes, error: AWSResponse) -> dict:
    """Before-send answers that refuse every CloudWatch call about `namespace` (botocore speaks JSON to it here)."""
    def handler(request, region):
        return error if namespace in (request.body or b"") else None
    return {("cloudwatch", "ListMetrics"): handler, ("cloudwatch", "GetMetricData"): handler}


def test_access_denied_on_one_namespace_is_its_gap_and_the_rest_is_read(seeded):
    denied = json_error("AccessDenied", "User: arn:aws:iam::123456789012:user/x is not authorized", 403)
    data = observe(None, "us-east-1", 14, now=NOW,
                   client_factory=percentile_answers({}, [], refusing(b"AWS/DynamoDB", denied)))
    assert [(g["item"], g["code"], g["kind"]) for g in data["gaps"]] == [("AWS/DynamoDB", "AccessDenied",
                                                                           "access_denied")]
    assert "123456789012" not in json.dumps(data)
    kinds = {r["kind"] for r in data["resources"]}
    assert "dynamodb" not in kinds and {"api", "lambda", "sqs"} <= kinds


def test_throttling_is_a_named_gap_after_the_retries(seeded):
    throttled = json_error("Throttling", "Rate exceeded")
    data = observe(None, "us-east-1", 14, now=NOW, settings=PullSettings(max_attempts=2),
                   client_factory=percentile_answers({}, [], refusing(b"AWS/SQS", throttled)))
    assert [(g["item"], g["code"], g["kind"]) for g in data["gaps"]] == [("AWS/SQS", "Throttling", "throttled")]
    assert "sqs" not in {r["kind"] for r in data["resources"]}


def test_a_hanging_endpoint_ends_at_the_deadline_with_named_gaps(aws, monkeypatch):  # noqa: F811
    deadline = 3.0
    with FaultProxy(aws, "hang", {"monitoring"}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        start = time.monotonic()
        data = observe(None, "us-east-1", 14, now=NOW, settings=PullSettings(deadline_s=deadline, read_timeout_s=30),
                       client_factory=default_client_factory)
        seconds = time.monotonic() - start
    assert seconds < deadline + 4
    assert data["resources"] == []
    assert {g["kind"] for g in data["gaps"]} == {"deadline"}
    assert {g["item"] for g in data["gaps"]} == {"AWS/Lambda", "AWS/ApiGateway", "AWS/DynamoDB", "AWS/SQS", "AWS/S3"}


def test_minute_resolution_keeps_per_minute_counts_and_adds_them_up_by_hour(aws):  # noqa: F811
    """One day at 1-minute resolution: the function's per-minute Invocations come back minute by minute,
    the hourly series is their sum per hour, and the workload's burstiness is fitted from them (Poisson: 1).
    A bucket with two request-metrics filters is read through one of them (filters may overlap)."""
    per_minute = np.random.default_rng(41).poisson(30.0, 1440).astype(float)
    data = [{"MetricName": "Invocations", "Dimensions": [{"Name": "FunctionName", "Value": "worker"}],
             "Timestamp": START + timedelta(minutes=m), "Value": float(v), "Unit": "Count"}
            for m, v in enumerate(per_minute) if v > 0]
    for first in range(0, len(data), 1000):
        client("cloudwatch").put_metric_data(Namespace="AWS/Lambda", MetricData=data[first:first + 1000])
    for filter_id, value in (("EntireBucket", 100.0), ("images", 40.0)):
        client("cloudwatch").put_metric_data(Namespace="AWS/S3", MetricData=[
            {"MetricName": "GetRequests", "Timestamp": START + timedelta(hours=h), "Value": value, "Dimensions": [
                {"Name": "BucketName", "Value": "photos"}, {"Name": "FilterId", "Value": filter_id}]}
            for h in range(24)])
    observed = observe(None, "us-east-1", 1, "minute", now=START + timedelta(days=1),
                       client_factory=percentile_answers({}, []))
    assert observed["gaps"] == []
    worker = next(r for r in observed["resources"] if r["name"] == "worker")
    assert worker["minute"]["Invocations"] == [v if v > 0 else None for v in per_minute.tolist()]
    assert worker["hourly"]["Invocations"] == per_minute.reshape(24, 60).sum(axis=1).tolist()
    bucket = next(r for r in observed["resources"] if r["kind"] == "s3")
    assert bucket["hourly"]["GetRequests"] in ([100.0] * 24, [40.0] * 24)   # one filter, never 140
    result = calibrate({"name": "w", "workload": {"requests_per_month": 1},
                        "components": [{"id": "worker", "type": "lambda"},
                                       {"id": "photos", "type": "s3", "gets_per_month": 0}]}, observed)
    assert result.data["workload"]["burstiness"] == pytest.approx(1.0, abs=0.15)
    assert result.data["components"][1]["gets_per_month"] in (100 * 730, 40 * 730)


def test_account_import_observe_reads_cloudwatch_itself_and_marks_what_it_did_not_find(seeded, tmp_path, capsys):
    """Without --observation the import reads CloudWatch for the last day, where the seeded fortnight has no data
    point (moto still lists its metrics): no figure is set to 0, every one stays a marked assumption."""
    out = tmp_path / "imported.yaml"
    assert main(["account", "import", "--account", str(seeded["snapshot"]), "--observe", "--days", "1",
                 "-o", str(out)]) == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    parse_design(load_design_data(text))
    observed, assumed = text.split("# Still ASSUMPTIONS")
    assert "observed: " not in observed  # nothing had a data point in the last day: nothing is claimed
    assert "workload: not observed" in assumed and "thumbnailer: not observed" in assumed


# ---- what breaks at N× on the calibrated account -------------------------------------------------------

def erlang_b_textbook(servers: int, load: float) -> float:
    """B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)): written here, apart from the engine's."""
    blocked = 1.0
    for k in range(1, servers + 1):
        blocked = load * blocked / (k + load * blocked)
    return blocked


def scale_at_loss(invocations_per_month: float, daily, weekly, duration_s: float, servers: int,
                  loss: float = 1e-4) -> float:
    """The traffic multiplier k at which `servers` environments lose `loss` of a month's invocations, by hand:
    the month is 730 hours from Monday 00:00 with weights daily[h] × weekly[d] scaled to mean 1; hour i offers
    A_i = invocations/2,628,000 s × weight_i × duration (Erlangs, Little's law) and blocks B(servers, k·A_i)
    of its calls (Erlang B); the month's lost share is Σ weight_i·B / Σ weight_i. Bisection on k."""
    weights = np.array([daily[i % 24] * weekly[(i // 24) % 7] for i in range(730)], dtype=float)
    weights /= weights.mean()
    loads = invocations_per_month / 2_628_000 * weights * duration_s

    def lost(k: float) -> float:
        return float(sum(w * erlang_b_textbook(servers, k * a) for w, a in zip(weights, loads)) / weights.sum())
    low, high = 0.01, 1000.0
    while high / low > 1.0001:
        middle = (low * high) ** 0.5
        low, high = (middle, high) if lost(middle) < loss else (low, middle)
    return high


def test_check_scale_on_the_calibrated_account_finds_the_wall_worked_out_by_hand(seeded, tmp_path, capsys):
    """observe → account import --observe → check --scale on the seeded account. By hand: the account's
    concurrency is 10 (moto's account settings, read by the pull) with 5 reserved for the thumbnailer, so
    (1) the reservation fails at any traffic — AWS keeps 100 unreserved, so an account of 10 can reserve none;
    (2) api-handler shares the 10 − 5 = 5 left: ~3,000,000 invocations a month (2M REST + 1M HTTP requests,
    one invocation each) of 100 ms (its duration is not observed: the design's 100 ms stays) over the
    mobile-evening × weekdays month lose 1 in 10,000 (the fail rule) at the multiplier below."""
    data = observe(None, "us-east-1", 14, settings=PullSettings(deadline_s=60), now=NOW,
                   client_factory=percentile_answers({"thumbnailer": durations_ms()}, []))
    observation = tmp_path / "observation.json"
    observation.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "calibrated.yaml"
    assert main(["account", "import", "--account", str(seeded["snapshot"]), "--observe", "--observation",
                 str(observation), "-o", str(out)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    design = yaml.safe_load(out.read_text(encoding="utf-8"))
    by_id = {c["id"]: c for c in design["components"]}
    assert design["limits"]["lambda_concurrency"] == 10 and by_id["thumbnailer"]["reserved_concurrency"] == 5
    assert by_id["api-handler"]["duration_ms"] == 100
    # the hand-worked wall from the design as calibrated, and from the generator's truth: the same, within 2 %
    invocations = (design["workload"]["requests_per_month"] * by_id[by_id["api-handler"]["from"]]["calls"]
                   * by_id["api-handler"].get("calls", 1))
    wall = scale_at_loss(invocations, design["workload"]["daily_profile"], design["workload"]["weekly_profile"],
                         0.1, 10 - 5)
    truth = scale_at_loss(REST_MONTHLY + HTTP_MONTHLY, DAILY, WEEKLY, 0.1, 10 - 5)
    assert 2.0 < truth < 2.4 and abs(wall / truth - 1) < 0.02

    assert main(["check", str(out), "--scale", "3", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)["scale"]
    assert report["first_wall"]["id"] == "lambda.reservations"
    found = {(f["id"], f["component"]): f for f in report["first_failures"]}
    assert found[("lambda.reservations", "(account)")]["fails_below_min"]
    traffic_wall = report["first_traffic_wall"]
    assert (traffic_wall["id"], traffic_wall["component"]) == ("lambda.concurrency", "api-handler")
    assert wall <= traffic_wall["fails_at"] <= wall * 1.01        # the search's 1 % bracket, above the boundary
    assert found[("lambda.concurrency", "api-handler")]["passes_at"] < wall
    # the text report names both walls
    assert main(["check", str(out), "--scale", "3"]) == 1
    text = capsys.readouterr().out
    assert "first wall lambda.reservations · (account) at ≤ ×0.01 (fails at any traffic)" in text
    assert f"first wall as traffic grows lambda.concurrency · api-handler at ×{traffic_wall['fails_at']:,.3g}" in text
