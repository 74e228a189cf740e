"""AWS's own words for what a quote bills, in English and Japanese, as data keyed by the catalog's price id.

The Japanese follows the terms of AWS's Japanese console and pricing pages (リクエスト, 実行時間,
REST API 呼び出し, データ転送 (インターネットへのアウト), 書き込みリクエスト単位, GB-月 ...).
`tests/i18n/test_aws_terms.py` fails, naming the id, when a price of any bundled catalog has no
Japanese dimension or unit here.

Exports compose a line's label from the line item's structured fields (`price_id`, `tier`, `free`),
never from the engine's English label:

>>> from decimal import Decimal
>>> unit_rate_text(Decimal("0.00000425"), "requests", Decimal(1000000), "en")
'USD 4.25 per million requests'
>>> unit_rate_text(Decimal("0.00000425"), "requests", Decimal(1000000), "ja")
'100 万リクエストあたり 4.25 USD'
>>> unit_rate_text(Decimal("0.0000166667"), "GB-s", Decimal(1), "en")
'USD 0.0000166667 per GB-second'
>>> dimension_text("lambda.duration.x86_64", "ja"), unit_text("GB-month", "ja")
('実行時間 (x86_64)', 'GB-月')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.costs.prices import Price

#: service key of the catalog → (English, Japanese) name as AWS writes it
SERVICES: dict[str, tuple[str, str]] = {
    "lambda": ("AWS Lambda", "AWS Lambda"),
    "apigateway": ("Amazon API Gateway", "Amazon API Gateway"),
    "dynamodb": ("Amazon DynamoDB", "Amazon DynamoDB"),
    "s3": ("Amazon S3", "Amazon S3"),
    "data_transfer": ("Data transfer", "データ転送"),
    "sqs": ("Amazon SQS", "Amazon SQS"),
    "sns": ("Amazon SNS", "Amazon SNS"),
    "ses": ("Amazon SES", "Amazon SES"),
    "cognito": ("Amazon Cognito", "Amazon Cognito"),
    "cloudwatch": ("Amazon CloudWatch", "Amazon CloudWatch"),
    "xray": ("AWS X-Ray", "AWS X-Ray"),
    "cloudfront": ("Amazon CloudFront", "Amazon CloudFront"),
    "route53": ("Amazon Route 53", "Amazon Route 53"),
    # ---- kms
    "kms": ("AWS Key Management Service", "AWS Key Management Service"),
    "waf": ("AWS WAF", "AWS WAF"),
    # ---- end kms
    # ---- sfn
    "stepfunctions": ("AWS Step Functions", "AWS Step Functions"),
    "eventbridge": ("Amazon EventBridge", "Amazon EventBridge"),
    # ---- end sfn
    # ---- s3x
    "secretsmanager": ("AWS Secrets Manager", "AWS Secrets Manager"),
    # ---- end s3x
}

#: region code → Japanese name as the AWS console writes it
REGIONS_JA: dict[str, str] = {
    "us-east-1": "米国東部 (バージニア北部)", "ap-northeast-1": "アジアパシフィック (東京)",
    "ap-northeast-3": "アジアパシフィック (大阪)",
}

#: the catalog's unit → (English as AWS prints it, Japanese)
UNITS: dict[str, tuple[str, str]] = {
    "requests": ("requests", "リクエスト"),
    "GB-s": ("GB-second", "GB-秒"),
    "messages": ("messages", "メッセージ"),
    "minutes": ("minutes", "分"),
    "hours": ("hours", "時間"),
    "WRU": ("write request units", "書き込みリクエスト単位"),
    "RRU": ("read request units", "読み込みリクエスト単位"),
    "WCU-hours": ("WCU-hours", "WCU 時間"),
    "RCU-hours": ("RCU-hours", "RCU 時間"),
    "GB-month": ("GB-month", "GB-月"),
    "GB": ("GB", "GB"),
    "objects": ("objects", "オブジェクト"),
    "deliveries": ("deliveries", "配信"),
    "emails": ("emails", "通"),
    "MAU": ("MAU", "MAU"),
    "100 RCU": ("100 RCU", "100 RCU"),
    "100 WCU": ("100 WCU", "100 WCU"),
    "100-RCU-hours": ("100 RCU-hours", "100 RCU 時間"),
    "100-WCU-hours": ("100 WCU-hours", "100 WCU 時間"),
    "traces": ("traces", "トレース"),
    "zones": ("hosted zones", "ホストゾーン"),
    "queries": ("queries", "クエリ"),
    # ---- kms
    "keys": ("keys", "キー"),
    "web-ACLs": ("web ACL", "ウェブ ACL"),
    "rules": ("rules", "ルール"),
    # ---- end kms
    # ---- sfn
    "transitions": ("state transitions", "状態遷移"),
    "GB-hours": ("GB-hours", "GB-時間"),
    "events": ("events", "イベント"),
    "invocations": ("invocations", "呼び出し"),
    # ---- end sfn
    # ---- s3x
    "secret-months": ("secret-months", "シークレット・月"),
    "alarm-months": ("alarm-months", "アラーム・月"),
    "metric-months": ("metric-months", "メトリクス・月"),
    # ---- end s3x
}

_S3_CLASSES = {
    "standard": "S3 標準", "standard_ia": "S3 標準 - 低頻度アクセス", "one_zone_ia": "S3 1 ゾーン - 低頻度アクセス",
    "glacier_instant": "S3 Glacier Instant Retrieval", "glacier_flexible": "S3 Glacier Flexible Retrieval",
    "glacier_deep_archive": "S3 Glacier Deep Archive", "intelligent_tiering": "S3 Intelligent-Tiering",
}
_CF_REGIONS = {
    "us": "米国、メキシコ、カナダ", "europe": "欧州、イスラエル、トルコ",
    "middle_east_africa": "南アフリカ、ケニア、ナイジェリア、中東", "south_america": "南米", "japan": "日本",
    "australia": "オーストラリア、ニュージーランド",
    "asia": "香港、インドネシア、フィリピン、シンガポール、韓国、台湾、タイ、マレーシア、ベトナム", "india": "インド",
}
_DDB_CLASS = {"": "DynamoDB Standard テーブルクラス", "_ia": "DynamoDB Standard-IA テーブルクラス"}


def _dimensions_ja() -> dict[str, str]:
    ja = {
        "lambda.requests": "リクエスト",
        "lambda.duration.x86_64": "実行時間 (x86_64)",
        "lambda.duration.arm64": "実行時間 (Arm)",
        "lambda.ephemeral_storage": "エフェメラルストレージ (512 MB を超える分)",
        "lambda.provisioned_concurrency.x86_64": "プロビジョニングされた同時実行 (x86_64)",
        "lambda.provisioned_concurrency.arm64": "プロビジョニングされた同時実行 (Arm)",
        "lambda.provisioned_duration.x86_64": "プロビジョニングされた同時実行が有効な間の実行時間 (x86_64)",
        "lambda.provisioned_duration.arm64": "プロビジョニングされた同時実行が有効な間の実行時間 (Arm)",
        "lambda.snapstart.cache": "SnapStart キャッシュ",
        "lambda.snapstart.restore": "SnapStart 復元",
        "apigateway.rest.requests": "REST API 呼び出し",
        "apigateway.http.requests": "HTTP API 呼び出し",
        "apigateway.websocket.messages": "WebSocket メッセージ",
        "apigateway.websocket.connection_minutes": "WebSocket 接続時間 (分)",
        "dynamodb.storage.standard": "テーブルストレージ (DynamoDB Standard テーブルクラス)",
        "dynamodb.storage.standard_ia": "テーブルストレージ (DynamoDB Standard-IA テーブルクラス)",
        "dynamodb.pitr": "ポイントインタイムリカバリ (継続的バックアップ) ストレージ",
        "dynamodb.backup": "オンデマンドバックアップストレージ",
        "dynamodb.restore": "バックアップからの復元",
        "dynamodb.streams.read_requests": "DynamoDB Streams 読み込みリクエスト単位",
        "s3.intelligent_tiering.monitoring": "S3 Intelligent-Tiering モニタリングとオートメーション",
        "s3.storage.intelligent_tiering_frequent": "S3 Intelligent-Tiering 高頻度アクセス階層 ストレージ",
        "s3.storage.intelligent_tiering_infrequent": "S3 Intelligent-Tiering 低頻度アクセス階層 ストレージ",
        "data_transfer.internet_out": "データ転送 (インターネットへのアウト)",
        "sqs.standard.requests": "SQS 標準キュー リクエスト",
        "sqs.fifo.requests": "SQS FIFO キュー リクエスト",
        "sns.requests": "SNS API リクエスト (発行、トピック／サブスクリプション操作)",
        "sns.delivery.mobile_push": "SNS モバイルプッシュ通知の配信",
        "sns.delivery.http": "SNS HTTP/S 配信",
        "sns.delivery.email": "SNS E メール／E メール JSON 配信",
        "ses.outbound_email": "SES 送信 E メール",
        "ses.outbound_data": "SES 送信データ (添付ファイル)",
        "cognito.lite.mau": "Cognito ユーザープール Lite プラン 月間アクティブユーザー (MAU)",
        "cognito.essentials.mau": "Cognito ユーザープール Essentials プラン 月間アクティブユーザー (MAU)",
        "cognito.plus.mau": "Cognito ユーザープール Plus プラン 月間アクティブユーザー (MAU)",
        "cloudwatch.logs.lambda_ingestion.standard": "Lambda ログの取り込み (スタンダードログクラス)",
        "cloudwatch.logs.lambda_ingestion.infrequent_access": "Lambda ログの取り込み (低頻度アクセスログクラス)",
        "cloudwatch.logs.ingestion.standard": "ログの取り込み (スタンダードログクラス)",
        "cloudwatch.logs.ingestion.infrequent_access": "ログの取り込み (低頻度アクセスログクラス)",
        "cloudwatch.logs.storage": "ログの保存 (アーカイブ)",
        "xray.traces_recorded": "X-Ray トレースの記録",
        "xray.traces_retrieved": "X-Ray トレースの取得またはスキャン",
        "route53.hosted_zones": "Route 53 ホストゾーン",
        "route53.queries.standard": "Route 53 標準クエリ",
        "route53.queries.latency": "Route 53 レイテンシーベースルーティングクエリ",
        # ---- sfn
        "sfn.standard.state_transitions": "Standard ワークフロー 状態遷移",
        "sfn.express.requests": "Express ワークフロー リクエスト",
        "sfn.express.duration": "Express ワークフロー 実行時間",
        "eventbridge.custom_events": "カスタムイベントの発行",
        "eventbridge.cross_account_events": "クロスアカウントイベントの配信",
        "eventbridge.pipes.requests": "EventBridge Pipes リクエスト",
        "eventbridge.scheduler.invocations": "EventBridge Scheduler 呼び出し",
        # ---- end sfn
    }
    for size in ("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"):
        ja[f"apigateway.rest_cache.{size}gb"] = f"REST API キャッシュ {size} GB (プロビジョニングされた時間)"
    for suffix, table_class in _DDB_CLASS.items():
        ja[f"dynamodb.on_demand{suffix}.write_request_units"] = f"オンデマンド 書き込みリクエスト単位 ({table_class})"
        ja[f"dynamodb.on_demand{suffix}.read_request_units"] = f"オンデマンド 読み込みリクエスト単位 ({table_class})"
        ja[f"dynamodb.provisioned{suffix}.wcu_hours"] = f"プロビジョニングされた書き込みキャパシティ ({table_class})"
        ja[f"dynamodb.provisioned{suffix}.rcu_hours"] = f"プロビジョニングされた読み込みキャパシティ ({table_class})"
    for years in ("1", "3"):
        for unit in ("rcu", "wcu"):
            reserved = f"リザーブドキャパシティ {years} 年、100 {unit.upper()}"
            ja[f"dynamodb.reserved_{years}y.{unit}_upfront"] = f"{reserved} (前払い)"
            ja[f"dynamodb.reserved_{years}y.{unit}_hours"] = f"{reserved} (時間料金)"
    for key, name in _S3_CLASSES.items():
        if key != "intelligent_tiering":
            ja[f"s3.storage.{key}"] = f"{name} ストレージ"
        ja[f"s3.requests.put.{key}"] = f"{name} PUT、COPY、POST、LIST リクエスト"
        ja[f"s3.requests.get.{key}"] = f"{name} GET、SELECT、およびその他のリクエスト"
        ja[f"s3.retrieval.{key}"] = f"{name} データ取り出し"
    for key, region in _CF_REGIONS.items():
        ja[f"cloudfront.data_out.{key}"] = f"CloudFront インターネットへのデータ転送 ({region})"
        ja[f"cloudfront.requests.https.{key}"] = f"CloudFront HTTPS リクエスト ({region})"
        ja[f"cloudfront.requests.http.{key}"] = f"CloudFront HTTP リクエスト ({region})"
    # ---- kms
    ja["kms.keys"] = "カスタマーマネージドキー"
    ja["kms.requests"] = "リクエスト (対称キー)"
    ja["waf.web_acl"] = "ウェブ ACL"
    ja["waf.rules"] = "ルール"
    ja["waf.requests"] = "リクエスト"
    # ---- end kms
    return ja


#: price id → Japanese dimension name (the English is the catalog's own `dimension`)
DIMENSIONS_JA: dict[str, str] = _dimensions_ja()
# ---- s3x
DIMENSIONS_JA.update({
    "s3.storage.intelligent_tiering_archive_instant":
        "S3 Intelligent-Tiering アーカイブインスタントアクセス階層 ストレージ",
    **{f"s3.lifecycle_transition.{key}": f"{name} へのライフサイクル移行リクエスト"
       for key, name in _S3_CLASSES.items() if key != "standard"},
    "secretsmanager.secrets": "シークレット",
    "secretsmanager.api_calls": "API コール",
    "cloudwatch.alarms.standard": "アラームメトリクス (標準解像度)",
    "cloudwatch.alarms.high_resolution": "アラームメトリクス (高解像度)",
    "cloudwatch.alarms.composite": "複合アラーム",
    "cloudwatch.metrics": "カスタムメトリクス",
    "cloudwatch.api_requests": "API リクエスト (PutMetricData など)",
})
# ---- end s3x

#: cost component ("<type>.<key>", models/costs/<service>.py) → (English, Japanese) label a line adds to its dimension
COMPONENT_LABELS: dict[str, tuple[str, str]] = {
    "lambda.init_duration": ("INIT phase of cold starts", "コールドスタート時の INIT フェーズ"),
    # ---- s3x
    "s3.early_deletion": ("minimum storage duration", "最小ストレージ期間"),
    # ---- end s3x
}

#: the words around a line's dimension: free-tier credit and volume tiers
WORDS: dict[str, tuple[str, str]] = {
    "free": ("Free tier: {dimension}", "無料利用枠: {dimension}"),
    "tier_first": ("{dimension} (first {n} {unit})", "{dimension} (最初の {n}{unit})"),
    "tier_next": ("{dimension} (next {n} {unit})", "{dimension} (次の {n}{unit})"),
    "tier_over": ("{dimension} (over {n} {unit})", "{dimension} ({n}{unit}を超える分)"),
    "per_one": ("USD {usd} per {unit}", "1 {unit}あたり {usd} USD"),
    "per_many": ("USD {usd} per {per} {unit}", "{per} {unit}あたり {usd} USD"),
}


def _ja(lang: str) -> int:
    return 1 if lang == "ja" else 0


def service_text(service: str, lang: str) -> str:
    """The service's name as AWS writes it (the catalog key when unknown)."""
    return SERVICES.get(service, (service, service))[_ja(lang)]


def unit_text(unit: str, lang: str) -> str:
    """The unit as AWS writes it in `lang` (the catalog's unit when unknown)."""
    return UNITS.get(unit, (unit, unit))[_ja(lang)]


def dimension_text(price_id: str, lang: str, english: str = "") -> str:
    """The dimension's name in `lang`: the Japanese of this module, else `english` (the catalog's own)."""
    if lang == "ja" and price_id in DIMENSIONS_JA:
        return DIMENSIONS_JA[price_id]
    return english or price_id


def decimal_text(value: Decimal) -> str:
    """A plain decimal, never in scientific notation, with at least two decimals and thousands separators.

    >>> decimal_text(Decimal("4.25")), decimal_text(Decimal("0.0000166667")), decimal_text(Decimal("1E+3"))
    ('4.25', '0.0000166667', '1,000.00')
    """
    text = f"{Decimal(value).normalize():f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}.{fraction.ljust(2, '0')}"


def count_text(n: Decimal, lang: str) -> str:
    """How AWS writes a "per" count: 1,000 / 10,000 / million (en); 1,000 / 1 万 / 100 万 (ja).

    >>> [count_text(Decimal(n), "ja") for n in (1000, 10000, 100000, 1000000, 1000000000)]
    ['1,000', '1 万', '10 万', '100 万', '10 億']
    """
    n = Decimal(n)
    if lang == "ja":
        for size, word in ((Decimal(100_000_000), "億"), (Decimal(10_000), "万")):
            if n >= size and n % size == 0:
                return f"{int(n / size):,} {word}"
        return f"{int(n):,}" if n == n.to_integral_value() else decimal_text(n)
    for size, word in ((Decimal(1_000_000_000), "billion"), (Decimal(1_000_000), "million")):
        if n >= size and n % size == 0:
            return word if n == size else f"{int(n / size):,} {word}"
    return f"{int(n):,}" if n == n.to_integral_value() else decimal_text(n)


def singular(unit: str) -> str:
    """An English unit after "per": "hours" → "hour", "queries" → "query" ("GB-month" unchanged).

    >>> [singular(u) for u in ("hours", "WCU-hours", "queries", "hosted zones", "GB-month", "MAU")]
    ['hour', 'WCU-hour', 'query', 'hosted zone', 'GB-month', 'MAU']
    """
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit[:-1] if unit.endswith("s") and unit[-2:-1].islower() else unit


def unit_rate_text(usd_per_unit: Decimal, unit: str, per: Decimal, lang: str) -> str:
    """A unit price as AWS states it: "USD 4.25 per million requests" / 「100 万リクエストあたり 4.25 USD」."""
    per = Decimal(per)
    usd = decimal_text(Decimal(usd_per_unit) * per)
    shown = unit_text(unit, lang)
    if per == 1:
        return WORDS["per_one"][_ja(lang)].format(usd=usd, unit=shown if lang == "ja" else singular(shown))
    count = count_text(per, lang)
    if lang == "ja" and count[-1] in "万億":
        return f"{count}{shown}あたり {usd} USD"  # 100 万リクエスト: no space between a number word and its unit
    return WORDS["per_many"][_ja(lang)].format(usd=usd, per=count, unit=shown)


def unit_price_text(price: Price, lang: str, tier: int = 0) -> str:
    """The unit price of one of `price`'s tiers, as AWS states it (a pure function of the catalog's record).

    >>> from datetime import date
    >>> from models.costs.prices import Price, Tier
    >>> p = Price("apigateway.rest.requests", "apigateway", "REST API calls", "requests", Decimal(1000000),
    ...           (Tier(None, Decimal("0.00000425")),), "", date(2026, 1, 1), "aws", "ap-northeast-1")
    >>> unit_price_text(p, "en"), unit_price_text(p, "ja")
    ('USD 4.25 per million requests', '100 万リクエストあたり 4.25 USD')
    """
    return unit_rate_text(price.tiers[tier].usd_per_unit, price.unit, price.per, lang)


def _short(value: Decimal, lang: str) -> str:
    """A tier bound: 6000000000 → "6B" / "60 億", 333000000 → "333M" / "3 億 3,300 万"."""
    number = Decimal(value)
    if lang == "ja":
        oku, rest = divmod(number, Decimal(100_000_000))
        man, ones = divmod(rest, Decimal(10_000))
        if ones == 0 and (oku or man):
            parts = ([f"{int(oku):,} 億"] if oku else []) + ([f"{int(man):,} 万"] if man else [])
            return " ".join(parts)
        return f"{int(number):,}"
    for size, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M")):
        if number >= size and (number * 100 / size) == (number * 100 / size).to_integral_value():
            return f"{(number / size).normalize():f}{suffix}"
    return f"{int(number):,}"


def line_dimension_text(price: Price | None, price_id: str, tier: int | None, free: bool, lang: str,
                        english: str = "", cost_component: str = "") -> str:
    """A line item's label from its structured fields: the dimension, its volume tier, the cost
    component's own label (e.g. the INIT phase) and the free-tier mark."""
    text = dimension_text(price_id, lang, english or (price.dimension if price else ""))
    if price is not None and tier is not None and len(price.tiers) > 1:
        lower = price.tiers[tier - 1].up_to if tier else Decimal(0)
        upper = price.tiers[tier].up_to
        unit = unit_text(price.unit, lang)
        if lang == "ja" and unit[:1].isascii():
            unit = " " + unit  # 60 億 GB-秒, but 3 億 3,300 万リクエスト
        if upper is None:
            text = WORDS["tier_over"][_ja(lang)].format(dimension=text, n=_short(lower or Decimal(0), lang), unit=unit)
        elif tier == 0:
            text = WORDS["tier_first"][_ja(lang)].format(dimension=text, n=_short(upper, lang), unit=unit)
        else:
            text = WORDS["tier_next"][_ja(lang)].format(dimension=text, n=_short(upper - (lower or 0), lang), unit=unit)
    if cost_component in COMPONENT_LABELS:
        text += ("、" if lang == "ja" else ", ") + COMPONENT_LABELS[cost_component][_ja(lang)]
    if free:
        text = WORDS["free"][_ja(lang)].format(dimension=text)
    return text


# ---- kinesis
SERVICES.update({
    "kinesis": ("Amazon Kinesis Data Streams", "Amazon Kinesis Data Streams"),
    "firehose": ("Amazon Data Firehose", "Amazon Data Firehose"),
})
UNITS.update({
    "stream-hours": ("stream-hours", "ストリーム時間"),
    "shard-hours": ("shard-hours", "シャード時間"),
    "consumer-shard-hours": ("consumer-shard-hours", "コンシューマーシャード時間"),
    "payload units": ("PUT payload units", "PUT ペイロードユニット"),
})
DIMENSIONS_JA.update({
    "kinesis.on_demand.stream_hours": "Kinesis Data Streams オンデマンド ストリーム時間",
    "kinesis.on_demand.data_in": "Kinesis Data Streams オンデマンド 取り込みデータ",
    "kinesis.on_demand.data_out": "Kinesis Data Streams オンデマンド 取得データ",
    "kinesis.on_demand.efo_data_out": "Kinesis Data Streams オンデマンド 拡張ファンアウトのデータ取得",
    "kinesis.on_demand.extended_retention": "Kinesis Data Streams オンデマンド 延長データ保持 (24 時間～7 日間)",
    "kinesis.provisioned.shard_hours": "Kinesis Data Streams シャード時間",
    "kinesis.provisioned.put_payload_units": "Kinesis Data Streams PUT ペイロードユニット (25 KB)",
    "kinesis.provisioned.extended_retention": "Kinesis Data Streams 延長データ保持 (24 時間～7 日間、シャード時間)",
    "kinesis.provisioned.efo_consumer_shard_hours": "Kinesis Data Streams 拡張ファンアウト コンシューマーシャード時間",
    "kinesis.provisioned.efo_data_out": "Kinesis Data Streams 拡張ファンアウトのデータ取得",
    "kinesis.long_term_retention": "Kinesis Data Streams 長期データ保持 (7 日間を超える分)",
    "firehose.ingestion": "Data Firehose 取り込み (Direct PUT および Kinesis Data Streams をソース、5 KB 単位)",
    "firehose.format_conversion": "Data Firehose 形式の変換 (Parquet/ORC)",
    "firehose.dynamic_partitioning.data": "Data Firehose 動的パーティショニング (配信データ)",
    "firehose.dynamic_partitioning.objects": "Data Firehose 動的パーティショニング (配信オブジェクト)",
})
# ---- end kinesis

# ---- examples
COMPONENT_LABELS.update({
    "s3.archive_metadata": ("archive metadata", "アーカイブのメタデータ"),
})
# ---- end examples
