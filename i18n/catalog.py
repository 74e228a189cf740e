"""The app's words in English and Japanese, looked up with `t(key, lang, **params)`.

Numbers and dates per language: counts use thousands separators in both languages (1,234,567);
money is "$1,234.56" in both, yen "¥1,234" in English and "1,234円" in Japanese
(`i18n.format.format_money`); dates in sentences are "28 Nov 2026" / "2026年11月28日", while tables
and files keep ISO dates (2026-11-28) so they sort.
"""

from __future__ import annotations

from datetime import date

from i18n.templates_ja import TEMPLATES_JA

LANGUAGES = {"en": "English", "ja": "日本語"}

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Serverless Planner", "ja": "Serverless Planner（サーバーレス構成の費用見積もり）"},
    "tagline": {"en": "Monthly AWS cost of a serverless back end, line by line, every price with its source and date.",
                "ja": "サーバーレス構成の月額 AWS 費用を明細ごとに。すべての単価に出典と日付を付けています。"},
    "language": {"en": "Language", "ja": "言語"},
    "template": {"en": "Template", "ja": "テンプレート"},
    "template_help": {"en": "Start from a common serverless pattern; switching replaces the current design (download "
                            "it first to keep it).",
                      "ja": "よく使われるサーバーレス構成から始めます。切り替えると現在の設計は置き換わります"
                            "（残す場合は先にダウンロード）。"},
    "upload": {"en": "Open a design file (YAML or JSON)", "ja": "設計ファイルを開く（YAML または JSON）"},
    "upload_button": {"en": "Upload", "ja": "ファイル選択"},
    "upload_line": {"en": "{mb} MB per file • {kinds}", "ja": "1 ファイル {mb} MB まで・{kinds}"},
    "upload_help": {"en": "A file downloaded from this app or written by hand (see docs/design-file.md).",
                    "ja": "このアプリでダウンロードしたファイル、または手書きのファイル（`docs/design-file.md` 参"
                           "照）。"},
    "upload_error": {"en": "This design file was not opened:", "ja": "この設計ファイルは開けませんでした："},
    "upload_ok": {"en": "Opened", "ja": "開きました："},
    "design": {"en": "Design", "ja": "設計"},
    "region": {"en": "Region", "ja": "リージョン"},
    "region_help": {"en": "AWS Region whose prices apply.", "ja": "料金を適用する AWS リージョン。"},
    "free_tier": {"en": "Free tier", "ja": "無料利用枠"},
    "free_tier_help": {"en": "None: no free offers. Always-free offers: Lambda 1M requests and 400,000 GB-s, "
                             "DynamoDB 25 GB, ... Always-free + 12-month offers: also the legacy 12-month offers (API "
                             "Gateway 1M calls, S3 5 GB, ...), for accounts created before 15 Jul 2025 in their first "
                             "year. (In a design file: none, always, first_year.)",
                       "ja": "なし：無料枠を使いません。常に無料の枠：Lambda 100 万リクエストと 40 万 GB 秒、DynamoDB "
                             "25 GB など。12 か月無料枠も適用：旧 12 か月無料枠も（API Gateway 100 万回、S3 5 GB など。"
                             "2025 年 7 月 15 日より前に作成した 1 年以内のアカウント）。"},
    "requests_per_month": {"en": "Client requests per month", "ja": "月間クライアントリクエスト数"},
    "requests_per_month_help": {"en": "Requests entering the design per month (count). Components without 'from' "
                                      "receive these.",
                                "ja": "設計に入ってくる月間リクエスト数。`from` のないコンポーネントが受け取ります。"},
    "components": {"en": "Components", "ja": "コンポーネント"},
    "total": {"en": "Monthly total (USD)", "ja": "月額合計（USD）"},
    "total_help": {"en": "Sum of all line items, free-tier credits included. A month is 730 hours.",
                   "ja": "無料枠の控除を含む全明細の合計。1 か月 = 730 時間。"},
    "line_items": {"en": "Line items", "ja": "明細"},
    "breakdown": {"en": "Cost by component", "ja": "コンポーネント別の費用"},
    "warnings": {"en": "Check these", "ja": "確認事項"},
    "prices_as_of": {"en": "Prices as of", "ja": "価格の基準日"},
    "download_design": {"en": "Design (YAML)", "ja": "設計（YAML）"},
    "download_json": {"en": "Estimate (JSON)", "ja": "見積もり（JSON）"},
    "editor": {"en": "Edit the design file", "ja": "設計ファイルを編集"},
    "editor_help": {"en": "The whole design as YAML. Apply to use it; problems are listed and nothing is lost.",
                    "ja": "設計全体の YAML。「適用」で反映します。問題があれば一覧表示され、内容は失われません。"},
    "apply": {"en": "Apply", "ja": "適用"},
    "design_error": {"en": "The design has problems; fix them to see the estimate:",
                     "ja": "設計に問題があります。修正すると見積もりが表示されます："},
    "col_component": {"en": "Component", "ja": "コンポーネント"},
    "col_share": {"en": "Share of the total", "ja": "合計に占める割合"},
    "col_service": {"en": "Service", "ja": "サービス"},
    "col_dimension": {"en": "Dimension", "ja": "課金項目"},
    "col_quantity": {"en": "Quantity", "ja": "数量"},
    "col_unit": {"en": "Unit", "ja": "単位"},
    "col_unit_price": {"en": "Unit price (USD)", "ja": "単価（USD）"},
    "col_cost": {"en": "Cost (USD)", "ja": "費用（USD）"},
    "col_as_of": {"en": "Price as of", "ja": "価格の基準日"},
    "col_source": {"en": "Source", "ja": "出典"},
    "col_formula": {"en": "How", "ja": "計算"},
    "col_confidence": {"en": "Confidence", "ja": "確度"},
    "no_price": {"en": "no price", "ja": "価格なし"},
    "col_note": {"en": "Note", "ja": "注記"},
    "col_research_note": {"en": "Research note", "ja": "調査メモ（英語の原文）"},
    "prices_note_aws": {"en": "Stated on AWS's pricing page.", "ja": "AWS の料金ページに記載の価格です。"},
    "prices_note_price_list": {"en": "Stated in the AWS Price List (AWS's own price data).",
                               "ja": "AWS Price List（AWS 公式の価格データ）に記載の価格です。"},
    "prices_note_third_party": {"en": "From a third-party document quoting AWS's price (see the source).",
                                "ja": "AWS の価格を引用した第三者の資料から取った価格です（出典を参照）。"},
    "prices_note_assumed": {"en": "Assumed: no published figure found for this Region; the research note says what "
                                  "it is taken from.",
                            "ja": "このリージョンの公表値が見つからないため推定値です。根拠は調査メモにあります。"},
    "col_price_id": {"en": "id", "ja": "価格 ID"},
    "page_design": {"en": "Design & cost", "ja": "設計と費用"},
    "page_prices": {"en": "Prices", "ja": "価格表"},
    "page_limits": {"en": "Limits", "ja": "上限チェック"},
    "page_cost": {"en": "Cost", "ja": "費用"},
    "template_placeholder": {"en": "— your own design (from a file, a link or the editor) —",
                             "ja": "— 独自の設計（ファイル、リンク、エディタから）—"},
    "page_dynamodb": {"en": "DynamoDB planner", "ja": "DynamoDB プランナー"},
    "prices_title": {"en": "Price catalog", "ja": "価格カタログ"},
    "prices_assumed_only": {"en": "Only assumed prices", "ja": "推定値の価格だけを表示"},
    "prices_assumed_help": {"en": "Prices no source states for this region; each note says what the value is derived f"
                                  "rom.",
                            "ja": "このリージョンについて出典が見つからない価格です。注記に値の根拠を記載しています。"},
    "confidence_aws": {"en": "aws", "ja": "AWS のページ"},
    "confidence_price_list": {"en": "price_list", "ja": "AWS Price List"},
    "confidence_third_party": {"en": "third_party", "ja": "第三者"},
    "confidence_assumed": {"en": "assumed", "ja": "推定値"},
    "free_tier_none": {"en": "None", "ja": "なし"},
    "free_tier_always": {"en": "Always-free offers", "ja": "常に無料の枠"},
    "free_tier_first_year": {"en": "Always-free + 12-month offers", "ja": "12 か月無料枠も適用"},
    "source_link": {"en": "source", "ja": "出典"},
    "prices_counts": {"en": "Price tiers by confidence: {counts}", "ja": "確度別の価格段階の数：{counts}"},
    "prices_caption": {"en": "Every price the estimates use, with its source, date and confidence: aws (AWS page), "
                             "price_list (AWS Price List), third_party, assumed (no source found that states this "
                             "region's price; the note says what it is taken from). A tier can have its own.",
                       "ja": "見積もりに使うすべての価格と、その出典・日付・確度。確度は AWS のページ、AWS Price "
                             "List、第三者、推定値（このリージョンの値を明記した出典が見つからないもの。注記に根拠を記載）の"
                             "いずれかです。段階ごとに異なる場合があります。"},
}

#: values shown in the app's pickers and tables ("choice_<value>", "type_<component type>", "region_name_<code>",
#: "service_<code>"); English screens show `_SHOWN_EN`'s word or AWS's name, or the value itself (`shown`)
_SHOWN = {
    "choice_rest": "REST API", "choice_http": "HTTP API", "choice_websocket": "WebSocket API",
    "choice_on_demand": "オンデマンド", "choice_provisioned": "プロビジョンド", "choice_lite": "Lite",
    "choice_essentials": "Essentials", "choice_plus": "Plus", "choice_standard": "Standard",
    "choice_standard_ia": "Standard-IA", "choice_x86_64": "x86_64", "choice_arm64": "arm64",
    "type_api_gateway": "API Gateway", "type_lambda": "Lambda", "type_dynamodb": "DynamoDB", "type_s3": "S3",
    "type_sqs": "SQS", "type_sns": "SNS", "type_ses": "SES", "type_cognito": "Cognito", "type_cloudfront": "CloudFront",
    "type_route53": "Route 53", "region_name_us-east-1": "米国東部（バージニア北部）",
    "region_name_ap-northeast-1": "アジアパシフィック（東京）",
    "region_name_ap-northeast-3": "アジアパシフィック（大阪）",
    "service_apigateway": "API Gateway", "service_lambda": "Lambda", "service_dynamodb": "DynamoDB",
    "service_s3": "S3", "service_sqs": "SQS", "service_sns": "SNS", "service_ses": "SES", "service_cognito": "Cognito",
    "service_cloudfront": "CloudFront", "service_route53": "Route 53", "service_cloudwatch": "CloudWatch",
    "service_xray": "X-Ray", "service_data_transfer": "データ転送",
    "unit_requests": "リクエスト", "unit_GB-month": "GB 月", "unit_hours": "時間", "unit_GB-s": "GB 秒",
    "unit_deliveries": "配信", "unit_traces": "トレース", "unit_WCU-hours": "WCU 時間", "unit_RCU-hours": "RCU 時間",
    "unit_100-WCU-hours": "100 WCU 時間", "unit_100-RCU-hours": "100 RCU 時間", "unit_objects": "オブジェクト",
    "unit_minutes": "分", "unit_messages": "メッセージ", "unit_emails": "通", "unit_queries": "クエリ",
    "unit_zones": "ゾーン",
    # ---- observe: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end observe
    # ---- scale: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end scale
    # ---- region: entries of this feature go here (one block per feature keeps merges clean)
    # the console's Japanese Region names (a design may name any commercial Region)
    "region_name_us-east-2": "米国東部（オハイオ）",
    "region_name_us-west-1": "米国西部（北カリフォルニア）",
    "region_name_us-west-2": "米国西部（オレゴン）",
    "region_name_af-south-1": "アフリカ（ケープタウン）",
    "region_name_ap-east-1": "アジアパシフィック（香港）",
    "region_name_ap-south-1": "アジアパシフィック（ムンバイ）",
    "region_name_ap-south-2": "アジアパシフィック（ハイデラバード）",
    "region_name_ap-southeast-1": "アジアパシフィック（シンガポール）",
    "region_name_ap-southeast-2": "アジアパシフィック（シドニー）",
    "region_name_ap-southeast-3": "アジアパシフィック（ジャカルタ）",
    "region_name_ap-southeast-4": "アジアパシフィック（メルボルン）",
    "region_name_ap-southeast-5": "アジアパシフィック（マレーシア）",
    "region_name_ap-southeast-7": "アジアパシフィック（タイ）",
    "region_name_ap-northeast-2": "アジアパシフィック（ソウル）",
    "region_name_ca-central-1": "カナダ（中部）",
    "region_name_ca-west-1": "カナダ西部（カルガリー）",
    "region_name_eu-central-1": "欧州（フランクフルト）",
    "region_name_eu-central-2": "欧州（チューリッヒ）",
    "region_name_eu-west-1": "欧州（アイルランド）",
    "region_name_eu-west-2": "欧州（ロンドン）",
    "region_name_eu-west-3": "欧州（パリ）",
    "region_name_eu-south-1": "欧州（ミラノ）",
    "region_name_eu-south-2": "欧州（スペイン）",
    "region_name_eu-north-1": "欧州（ストックホルム）",
    "region_name_il-central-1": "イスラエル（テルアビブ）",
    "region_name_me-south-1": "中東（バーレーン）",
    "region_name_me-central-1": "中東（アラブ首長国連邦）",
    "region_name_mx-central-1": "メキシコ（中部）",
    "region_name_sa-east-1": "南米（サンパウロ）",
    # ---- end region
    # ---- sfn
    "type_step_functions": "Step Functions", "type_eventbridge": "EventBridge",
    "service_stepfunctions": "Step Functions", "service_eventbridge": "EventBridge",
    "choice_express": "Express", "choice_bus": "イベントバス", "choice_pipe": "EventBridge Pipes",
    "choice_scheduler": "EventBridge Scheduler", "choice_custom": "カスタムイベント",
    "choice_event_source.aws": "AWS サービスのイベント", "unit_transitions": "状態遷移", "unit_GB-hours": "GB 時間",
    "unit_events": "イベント", "unit_invocations": "呼び出し",
    # ---- end sfn
    # ---- services: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end services
    # ---- modules: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end modules
    # ---- sls: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end sls
    # ---- kinesis
    "type_kinesis": "Kinesis Data Streams", "type_firehose": "Data Firehose",
    "service_kinesis": "Kinesis Data Streams", "service_firehose": "Data Firehose",
    "unit_stream-hours": "ストリーム時間", "unit_shard-hours": "シャード時間",
    "unit_consumer-shard-hours": "コンシューマーシャード時間", "unit_payload units": "PUT ペイロードユニット",
    # ---- end kinesis
    # ---- kms
    "type_kms": "KMS", "type_waf": "WAF", "service_kms": "KMS", "service_waf": "WAF",
    "unit_keys": "キー", "unit_web-ACLs": "ウェブ ACL", "unit_rules": "ルール",
    "choice_customer": "カスタマーマネージドキー", "choice_managed_by.aws": "AWS マネージドキー",
    "choice_False": "オフ", "choice_True": "オン",
    # ---- end kms
    # ---- s3x
    "type_secrets_manager": "Secrets Manager", "type_cloudwatch": "CloudWatch",
    "service_secretsmanager": "Secrets Manager", "unit_secret-months": "シークレット・月",
    "unit_alarm-months": "アラーム・月", "unit_metric-months": "メトリクス・月",
    "choice_intelligent_tiering": "Intelligent-Tiering", "choice_one_zone_ia": "1 ゾーン - 低頻度アクセス",
    "choice_glacier_instant": "Glacier Instant Retrieval", "choice_glacier_flexible": "Glacier Flexible Retrieval",
    "choice_glacier_deep_archive": "Glacier Deep Archive", "choice_infrequent_access": "低頻度アクセス",
    # ---- end s3x
}
#: the English of a choice, component type or service where it is not the Japanese's proper name (an ASCII
#: Japanese label such as "HTTP API" or "API Gateway" is AWS's name in both languages); Region names and units
#: show their code in English
_SHOWN_EN = {
    "choice_on_demand": "On-demand", "choice_provisioned": "Provisioned", "choice_bus": "Event bus",
    "choice_custom": "Custom events", "choice_event_source.aws": "AWS service events",
    "choice_customer": "Customer managed key", "choice_managed_by.aws": "AWS managed key",
    "choice_False": "Off", "choice_True": "On", "choice_one_zone_ia": "One Zone-IA",
    "choice_infrequent_access": "Infrequent Access", "service_data_transfer": "Data transfer",
}


def _shown_en(key: str, ja: str) -> str:
    if key in _SHOWN_EN:
        return _SHOWN_EN[key]
    if key.startswith(("choice_", "type_", "service_")) and ja.isascii():
        return ja
    return key.split("_", 1)[1].removeprefix("name_")


TEXT.update({key: {"en": _shown_en(key, ja), "ja": ja} for key, ja in _SHOWN.items()})


FIELD_LABELS: dict[str, dict[str, str]] = {
    "api": {"en": "API type", "ja": "API の種類"},
    "payload_kb": {"en": "Request size (KB)", "ja": "リクエストサイズ（KB）"},
    "response_kb": {"en": "Response size (KB)", "ja": "レスポンスサイズ（KB）"},
    "memory_mb": {"en": "Memory (MB)", "ja": "メモリ（MB）"},
    "architecture": {"en": "Architecture", "ja": "アーキテクチャ"},
    "duration_ms": {"en": "Duration p50 (ms)", "ja": "実行時間 p50（ms）"},
    "calls": {"en": "Calls per upstream event", "ja": "上流イベントあたりの呼び出し数"},
    "reads": {"en": "Item reads per call", "ja": "呼び出しあたりの読み込み数"},
    "writes": {"en": "Item writes per call", "ja": "呼び出しあたりの書き込み数"},
    "item_kb": {"en": "Item size (KB)", "ja": "項目サイズ（KB）"},
    "billing": {"en": "Capacity mode", "ja": "キャパシティモード"},
    "rcu": {"en": "Provisioned RCU", "ja": "プロビジョンド RCU"},
    "wcu": {"en": "Provisioned WCU", "ja": "プロビジョンド WCU"},
    "storage_gb": {"en": "Storage (GB)", "ja": "ストレージ（GB）"},
    "puts": {"en": "PUT requests per call", "ja": "呼び出しあたりの PUT 数"},
    "gets": {"en": "GET requests per call", "ja": "呼び出しあたりの GET 数"},
    "transfer_out_gb": {"en": "Data out to the internet (GB/month)", "ja": "インターネットへの転送量（GB/月）"},
    "message_kb": {"en": "Message size (KB)", "ja": "メッセージサイズ（KB）"},
    "mau": {"en": "Monthly active users", "ja": "月間アクティブユーザー数"},
    "plan": {"en": "Feature plan", "ja": "機能プラン"},
    "cache_hit_ratio": {"en": "Cache hit ratio", "ja": "キャッシュヒット率"},
    "hosted_zones": {"en": "Hosted zones", "ja": "ホストゾーン数"},
    "queries_per_month": {"en": "DNS queries per month", "ja": "月間 DNS クエリ数"},
    "emails_per_month": {"en": "Emails per month", "ja": "月間メール数"},
    "invocations_per_month": {"en": "Invocations per month", "ja": "月間呼び出し数"},
    "messages_per_month": {"en": "Messages per month", "ja": "月間メッセージ数"},
    "publishes_per_month": {"en": "Publishes per month", "ja": "月間発行数"},
    # ---- kms
    "keys": {"en": "Customer managed keys", "ja": "カスタマーマネージドキー数"},
    "managed_by": {"en": "Key managed by", "ja": "キーの管理者"},
    "requests_per_month": {"en": "Requests per month", "ja": "月間リクエスト数"},
    "rules": {"en": "Rules and rule groups", "ja": "ルールとルールグループの数"},
    "rate_limit": {"en": "Rate limit per IP per window", "ja": "IP ごとのウィンドウあたり上限"},
    "clients": {"en": "Client IP addresses", "ja": "クライアント IP 数"},
    "kms_data_key_reuse_s": {"en": "Data key reuse period (s)", "ja": "データキー再利用期間（秒）"},
    "kms_callers": {"en": "Connections calling KMS", "ja": "KMS を呼ぶ接続数"},
    "bucket_key": {"en": "S3 Bucket Key", "ja": "S3 バケットキー"},
    # ---- end kms
    # ---- sfn
    "workflow": {"en": "Workflow type", "ja": "ワークフローのタイプ"},
    "transitions_per_execution": {"en": "State transitions per execution", "ja": "実行あたりの状態遷移数"},
    "executions_per_month": {"en": "Executions per month", "ja": "月間実行数"},
    "kind": {"en": "EventBridge feature", "ja": "EventBridge の機能"},
    "events_per_month": {"en": "Events per month", "ja": "月間イベント数"},
    "event_kb": {"en": "Event size (KB)", "ja": "イベントサイズ（KB）"},
    "event_source": {"en": "Event source", "ja": "イベントの発生元"},
    "entries_per_put": {"en": "Entries per PutEvents", "ja": "PutEvents あたりのエントリ数"},
    "cross_account_targets": {"en": "Cross-account deliveries per event",
                              "ja": "イベントあたりのクロスアカウント配信数"},
    "filter_pass_ratio": {"en": "Share passing the filter", "ja": "フィルターを通過する割合"},
    # ---- end sfn
    # ---- s3x
    "storage_class": {"en": "Storage class", "ja": "ストレージクラス"},
    "new_gb_per_month": {"en": "New data per month (GB)", "ja": "月間の新規データ（GB）"},
    "expiration_days": {"en": "Expire after (days)", "ja": "有効期限（日）"},
    "secrets": {"en": "Secrets", "ja": "シークレット数"},
    "cache_ttl_s": {"en": "Cache TTL (s)", "ja": "キャッシュ TTL（秒）"},
    "api_calls_per_month": {"en": "API calls per month", "ja": "月間 API コール数"},
    "standard_alarm_metrics": {"en": "Alarm metrics (standard)", "ja": "アラームメトリクス（標準解像度）"},
    "high_resolution_alarm_metrics": {"en": "Alarm metrics (high resolution)", "ja": "アラームメトリクス（高解像度）"},
    "custom_metrics": {"en": "Custom metrics", "ja": "カスタムメトリクス数"},
    "log_ingested_gb_per_month": {"en": "Logs ingested (GB/month)", "ja": "ログの取り込み（GB/月）"},
    "put_requests_per_month": {"en": "PutMetricData requests per month", "ja": "月間 PutMetricData リクエスト数"},
    # ---- end s3x
}

# ---- kinesis
FIELD_LABELS.update({
    "mode": {"en": "Capacity mode", "ja": "キャパシティモード"},
    "shards": {"en": "Shards", "ja": "シャード数"},
    "record_kb": {"en": "Record size (KB)", "ja": "レコードサイズ（KB）"},
    "retention_hours": {"en": "Retention (hours)", "ja": "保持期間（時間）"},
    "efo_consumers": {"en": "Enhanced fan-out consumers", "ja": "拡張ファンアウトのコンシューマー数"},
    "records_per_month": {"en": "Records per month", "ja": "月間レコード数"},
    "buffer_mb": {"en": "Buffer size (MB)", "ja": "バッファサイズ（MB）"},
    "buffer_s": {"en": "Buffer interval (s)", "ja": "バッファ間隔（秒）"},
    "partitions": {"en": "Active partitions", "ja": "アクティブなパーティション数"},
    "records_per_request": {"en": "Records per request", "ja": "リクエストあたりのレコード数"},
})
# ---- end kinesis

#: words of the quote settings, Compare, sharing, saved designs and ranges
TEXT.update({
    "currency": {"en": "Currency", "ja": "通貨"},
    "currency_help": {"en": "Show amounts in US dollars (AWS's own prices) or in Japanese yen at the rate below. "
                            "Default USD.",
                      "ja": "金額を米ドル（AWS の価格そのまま）または下のレートで換算した日本円で表示します。既定値 "
                            "USD。"},
    "fx_rate": {"en": "JPY per 1 USD", "ja": "1 USD あたりの円"},
    "fx_rate_help": {"en": "The exchange rate you choose (yen per dollar); no live rate is fetched. Default 150.",
                     "ja": "換算に使う為替レート（1 ドルあたりの円）。最新レートの自動取得はしません。既定値 150。"},
    "tax_pct": {"en": "Tax (%)", "ja": "消費税等（%）"},
    "tax_pct_help": {"en": "Added once on the subtotal, e.g. 10 for Japan's consumption tax (rounded down). AWS prices "
                           "exclude tax. Default 0 (none).",
                     "ja": "小計に 1 回だけ加算します（例：消費税 10）。1 円（1 セント）未満は切り捨て。AWS の価格は税"
                           "抜です。既定値 0（なし）。"},
    "quote_settings": {"en": "Quote", "ja": "見積もり"},
    "cur_USD": {"en": "USD", "ja": "USD"},
    "cur_JPY": {"en": "JPY", "ja": "円"},
    "total_cur": {"en": "Monthly total ({cur})", "ja": "月額合計（{cur}）"},
    "total_excl": {"en": "Monthly total ({cur}, excl. tax)", "ja": "月額合計（{cur}、税抜）"},
    "total_incl": {"en": "Incl. {pct} % tax", "ja": "税込（{pct} %）"},
    "exact_total": {"en": "Before rounding: {amount}.", "ja": "丸め前：{amount}。"},
    "total_incl_help": {"en": "Subtotal plus tax; tax is computed once on the subtotal and rounded down.",
                        "ja": "小計 + 消費税等。税額は小計に対して 1 回だけ計算し、端数を切り捨てます。"},
    "col_cost_cur": {"en": "Amount ({cur}, rounded)", "ja": "金額（{cur}、端数処理後）"},
    "range_caption": {"en": "Range — three cases evaluated separately: low case {low} · expected {expected} · high "
                            "case {high}",
                      "ja": "幅 — 3 つのケースをそれぞれ計算：下限ケース {low} · 想定 {expected} · 上限ケース {high}"},
    "range_method": {"en": "Ranges are computed by evaluating three designs separately: every range at its low value, "
                           "at its expected value and at its high value (no sampling).",
                     "ja": "幅は、すべての幅を下限・想定・上限にした 3 つの設計をそれぞれ計算して求めています（サンプリ"
                           "ングではありません）。"},
    "range_toggle": {"en": "Not sure? Give a low and a high value", "ja": "不確かなら下限と上限を指定"},
    "range_toggle_help": {"en": "Turns the number into a range {low, expected, high}; every total, chart and export "
                                "then shows the low and high cases next to the expected one. Starts at half and "
                                "double.",
                          "ja": "数値を下限・想定・上限の幅にします（設計ファイルでは `{low, expected, high}`）。合"
                                "計・グラフ・エクスポートに下限・上限ケースも表示されます。初期値は半分と 2 倍です。"},
    "range_low": {"en": "{label} — low", "ja": "{label}（下限）"},
    "range_high": {"en": "{label} — high", "ja": "{label}（上限）"},
    "range_bound_help": {"en": "The {bound} case's value, in the same unit as the expected value. The expected value "
                               "moves if needed so that low ≤ expected ≤ high.",
                         "ja": "{bound}ケースの値（想定値と同じ単位）。下限 ≤ 想定 ≤ 上限 となるよう、必要なら想定値も"
                               "動きます。"},
    "bound_low": {"en": "low", "ja": "下限"},
    "bound_high": {"en": "high", "ja": "上限"},
    "range_in_field": {"en": "a range (low / expected / high): {low} / {expected} / {high}",
                       "ja": "幅（下限 / 想定 / 上限）：{low} / {expected} / {high}"},
    "diagram": {"en": "Components and flows", "ja": "構成とイベントの流れ"},
    "diagram_help": {"en": "Each arrow carries the upstream component's events (requests, invocations, S3 PUTs, "
                           "messages) × calls.",
                     "ja": "矢印は上流コンポーネントのイベント（リクエスト、呼び出し、S3 PUT、メッセージ）× 呼び出し数"
                           "を表します。"},
    "export": {"en": "Quote and export", "ja": "見積書とエクスポート"},
    "cur_in_USD": {"en": "In USD", "ja": "米ドル建て"},
    "cur_in_JPY": {"en": "In JPY", "ja": "円建て"},
    "export_caption": {"en": "{cur_in}, in English. The Excel workbook has the line items, the assumptions (inputs, "
                             "defaults, warnings, price dates and sources) and the readiness checks; open the HTML "
                             "report in a browser to print it or save it as PDF.",
                       "ja": "{cur_in}・日本語。Excel には明細、前提条件（入力値・既定値・注意事項・価格の基準日と出典"
                             "）、上限チェックが入っています。HTML レポートはブラウザで開いて印刷または PDF 保存できま"
                             "す。"},
    "download_xlsx": {"en": "Quote (Excel)", "ja": "見積書（Excel）"},
    "download_html": {"en": "Report (HTML)", "ja": "レポート（HTML）"},
    "download_design_json": {"en": "Design (JSON)", "ja": "設計（JSON）"},
    "download_quote_csv": {"en": "Line items (CSV)", "ja": "明細（CSV）"},
    "download_pdf": {"en": "Quote (PDF)", "ja": "見積書（PDF）"},
    "pdf_unavailable": {"en": "The PDF cannot be made on this server (its PDF renderer, the Chromium browser, is not "
                                "installed). The Excel, HTML and CSV downloads work: open the HTML report in a browser "
                                "and print it to PDF.",
                        "ja": "このサーバーでは PDF を作成できません（PDF の作成に使う Chromium ブラウザがインストール"
                              "されて"
                              "いません）。Excel・HTML・CSV はダウンロードできます。HTML レポートをブラウザで開き、印"
                              "刷から "
                              "PDF に保存してください。"},
    "quote_details": {"en": "Quote details (customer, number, validity)", "ja": "見積情報（宛先・見積番号・有効期限）"},
    "quote_details_caption": {"en": "Shown in the title block of the Excel, PDF and HTML quote. Kept with the design: "
                                    "in the share link and in saved designs (the `quote:` block of the design file).",
                              "ja": "Excel・PDF・HTML の見積書の表題欄に表示します。設計と一緒に保存されます（共有リン"
                                    "ク、"
                                    "保存した設計、設計ファイルの `quote:` ブロック）。"},
    "quote_customer": {"en": "Customer", "ja": "宛先（お客様名）"},
    "quote_customer_help": {"en": "Who the quote is for, e.g. the company name. Empty by default.",
                            "ja": "見積書の宛先（会社名など）。既定は空欄。"},
    "quote_prepared_by": {"en": "Prepared by", "ja": "作成者"},
    "quote_prepared_by_help": {"en": "Your name or company. Empty by default.", "ja": "作成者の氏名または会社名。既定"
                                                                                      "は空欄。"},
    "quote_number": {"en": "Quote number", "ja": "見積番号"},
    "quote_number_help": {"en": "Your reference for this quote, e.g. Q-2026-014. Empty by default.",
                          "ja": "この見積書の番号（例：Q-2026-014）。既定は空欄。"},
    "quote_date": {"en": "Quote date", "ja": "見積日"},
    "quote_date_help": {"en": "The date on the quote. Default: the day it is downloaded.",
                        "ja": "見積書の日付。既定はダウンロードした日。"},
    "quote_valid_until": {"en": "Valid until", "ja": "有効期限"},
    "quote_valid_until_help": {"en": "The last day the quote holds (on or after the quote date). Empty by default.",
                               "ja": "見積書の有効期限（見積日以降）。既定は空欄。"},
    "quote_dates_refused": {"en": "Valid until {valid_until} is before the quote date {date}: valid until must be on "
                                  "or after the quote date (the same day or later). The design keeps its last valid "
                                  "dates until the pair is fixed.",
                            "ja": "有効期限 {valid_until} が見積日 {date} より前です。有効期限は見積日と同じ日以降に"
                                  "してください。日付の組み合わせを直すまで、設計には直前の有効な日付が残ります。"},
    "quote_dates_refused_today": {"en": "Valid until {valid_until} is before today, {date}, the quote date when "
                                        "none is given: valid until must be on or after the quote date. Give a "
                                        "quote date or a later valid until.",
                                  "ja": "有効期限 {valid_until} が今日（{date}、見積日が空欄のときの見積日）より前"
                                        "です。有効期限は見積日と同じ日以降にしてください。見積日を指定するか、有効"
                                        "期限を後の日にしてください。"},
    "quote_downloads_wait": {"en": "The quote downloads (Excel, PDF, HTML, CSV) are off until the quote dates are "
                                   "fixed; the design and estimate downloads keep the last valid dates.",
                             "ja": "見積日と有効期限を直すまで、見積書のダウンロード（Excel、PDF、HTML、CSV）は使え"
                                   "ません。設計と見積もりのダウンロードには直前の有効な日付が入ります。"},
    "quote_notes": {"en": "Notes for the customer", "ja": "備考（お客様向け）"},
    "quote_notes_help": {"en": "Free text shown under the totals, e.g. what is included. Empty by default.",
                         "ja": "合計の下に表示する自由記述（対象範囲など）。既定は空欄。"},
    "share": {"en": "Share link", "ja": "共有リンク"},
    "share_caption": {"en": "The whole design is inside this link (nothing is stored on a server): whoever opens it "
                            "gets this design, language and currency. The address bar keeps it up to date too.",
                      "ja": "このリンクに設計全体が入っています（サーバーには保存しません）。開くと同じ設計・言語・通貨"
                            "で表示されます。アドレスバーの URL も常に最新です。"},
    "share_error": {"en": "The design in this link could not be opened, so the first template is shown instead. Ask "
                          "for a new link. What is wrong:",
                    "ja": "このリンクの設計を開けなかったため、最初のテンプレートを表示しています。新しいリンクを依頼し"
                          "てください。問題点："},
    "share_opened": {"en": "Opened the design from the link.", "ja": "リンクの設計を開きました。"},
    "share_settings_error": {"en": "The link's quote settings ({given}) are not ones a quote can use (USD or JPY, a "
                                   "rate above 0 and up to 10,000, tax 0–100 %), so the quote is in USD without tax. "
                                   "Set them in the sidebar.",
                             "ja": "リンクの見積設定（{given}）は使えない値のため（USD または JPY、レートは 0 より"
                                   "大きく 10,000 以下、税率は 0〜100 %）、見積は USD・税なしです。サイドバーで設定して"
                                   "ください。"},
    "share.short_button": {"en": "Make a short link", "ja": "短いリンクを作る"},
    "share.short_caption": {"en": "This short link opens the design on this server only: the design is kept in "
                                  "its designs folder (never deleted by the app). Use the full link above to share "
                                  "beyond this server.",
                            "ja": "この短いリンクはこのサーバーでだけ開けます（設計はサーバーの"
                                  "設計フォルダーに保存され、アプリが削除することはありません）。"
                                  "ほかの場所と共有するには上の完全なリンクを使ってください。"},
    "share.short_failed": {"en": "The short link could not be made:", "ja": "短いリンクを作れませんでした："},
    "computing": {"en": "Computing…", "ja": "計算中…"},
    "preparing": {"en": "Preparing the file…", "ja": "ファイルを作成中…"},
    "page_compare": {"en": "Compare", "ja": "比較"},
    "compare_title": {"en": "Compare designs", "ja": "設計の比較"},
    "compare_caption": {"en": "Two to four designs side by side: monthly cost (rounded lines summed, excl. tax), cost "
                              "per million client requests and per monthly active user, the next 12 months with each "
                              "design's growth, and the worst readiness check. The chart prices every design at the "
                              "same client volumes; where two curves cross is a break-even point.",
                        "ja": "2〜4 件の設計を並べて比較します：月額費用（明細ごとに端数処理した合計、税抜）、クライア"
                              "ントリクエスト 100 万件あたり・月間アクティブユーザー 1 人あたりの費用、各設計の成長率に"
                              "よる今後 12 か月の合計、上限チェックの最も悪い判定。グラフは同じリクエスト数で各設計を計"
                              "算し、曲線の交点を損益分岐点として示します。"},
    "compare_pick": {"en": "Designs to compare (2–4)", "ja": "比較する設計（2〜4 件）"},
    "compare_pick_placeholder": {"en": "Choose designs", "ja": "設計を選んでください"},
    "compare_pick_help": {"en": "The current design (as edited on the Design page), any template, or a saved design.",
                          "ja": "現在の設計（設計ページで編集中のもの）、テンプレート、保存した設計から選べます。"},
    "compare_need_two": {"en": "Pick at least two designs above: the current design, a template or a saved design.",
                         "ja": "上で 2 件以上選んでください（現在の設計、テンプレート、保存した設計）。"},
    "compare_skipped": {"en": "Left out of the comparison because it has problems:",
                        "ja": "問題があるため比較から除外しました："},
    "src_current": {"en": "Current design: {name}", "ja": "現在の設計：{name}"},
    "src_template": {"en": "Template: {name}", "ja": "テンプレート：{name}"},
    "src_saved": {"en": "Saved: {name}", "ja": "保存済み：{name}"},
    "col_design": {"en": "Design", "ja": "設計"},
    "col_region": {"en": "Region", "ja": "リージョン"},
    "col_monthly": {"en": "Monthly ({cur})", "ja": "月額（{cur}）"},
    "col_range": {"en": "Range (low – high case)", "ja": "幅（下限〜上限ケース）"},
    "col_requests": {"en": "Client requests / month (spikes included)",
                     "ja": "クライアントリクエスト数 / 月（スパイクを含む）"},
    "col_per_million": {"en": "Per 1M requests", "ja": "100 万リクエストあたり"},
    "col_per_mau": {"en": "Per MAU", "ja": "MAU あたり"},
    "col_year": {"en": "12 months ({cur})", "ja": "12 か月（{cur}）"},
    "col_growth": {"en": "Growth / month", "ja": "月次成長率"},
    "col_worst": {"en": "Worst check", "ja": "上限チェック"},
    "compare_chart": {"en": "Monthly cost against client requests", "ja": "クライアントリクエスト数と月額費用"},
    "axis_requests": {"en": "Client requests per month (log scale)", "ja": "月間クライアントリクエスト数（対数）"},
    "axis_cost": {"en": "Monthly cost ({cur})", "ja": "月額費用（{cur}）"},
    "compare_log_y": {"en": "Logarithmic cost axis", "ja": "費用軸を対数にする"},
    "compare_log_y_help": {"en": "A log axis shows small and large costs together; zero costs are not drawn on it.",
                           "ja": "対数軸では小さな費用と大きな費用を同時に見られます（0 は描画されません）。"},
    "break_even": {"en": "Break-even points", "ja": "損益分岐点"},
    "break_even_line": {"en": "**{a}** and **{b}** cost the same at about **{req}** client requests per month "
                              "({cost}); below that **{below}** is cheaper, above it **{above}**.",
                        "ja": "**{a}** と **{b}** は月間約 **{req}** リクエストで同じ費用（{cost}）。それより少なければ"
                              " **{below}**、多ければ **{above}** が安くなります。"},
    "break_even_marker": {"en": "break-even", "ja": "損益分岐点"},
    "no_break_even": {"en": "No break-even point between 1 thousand and 100 million client requests per month: the "
                            "cost curves do not cross.",
                      "ja": "月間 1,000〜1 億リクエストの範囲で損益分岐点はありません（費用曲線が交差しません）。"},
    "compare_band": {"en": "{name}: low–high case", "ja": "{name}：下限〜上限ケース"},
    "compare_notes": {"en": "Per-million, per-MAU, 12-month and chart figures are computed from exact amounts and "
                            "rounded once. Per MAU needs workload.users.mau; otherwise “—”. The chart varies only the "
                            "client requests; a design's other numbers stay as they are.",
                      "ja": "100 万リクエストあたり・MAU あたり・12 か月・グラフの値は丸め前の金額から計算し、最後に 1 "
                            "回だけ丸めています。MAU あたりは `workload.users.mau` がある場合のみ（ない場合は「—」）。"
                            "グ"
                            "ラフはクライアントリクエスト数だけを変え、他の数値はそのままです。"},
    "status_pass": {"en": "🟢 pass", "ja": "🟢 合格"},
    "status_warn": {"en": "🟡 warn", "ja": "🟡 注意"},
    "status_fail": {"en": "🔴 fail", "ja": "🔴 不合格"},
    "status_high_case": {"en": "high case: {status}", "ja": "上限ケース：{status}"},
    "page_saved": {"en": "Saved designs", "ja": "保存した設計"},
    "saved_caption": {"en": "Designs are saved as YAML files in {folder} (set the environment variable "
                            "SERVERLESS_PLANNER_DESIGNS to use another folder). Nothing is overwritten without asking. "
                            "The folder is on the server: everyone who uses this app on the same server sees the same "
                            "designs "
                            "(it is a single-team tool; give each customer their own server or folder).",
                      "ja": "設計は {folder} に YAML ファイルとして保存されます（別のフォルダーを使うには環境変数 "
                            "SERVERLESS_PLANNER_DESIGNS を設定）。確認なしに上書きすることはありません。フォルダーは"
                            "サーバー上にあり、同じサーバーでこのアプリを使う全員に同じ設計が見えます（1 チーム向けの"
                            "ツールです。顧客ごとにサーバーかフォルダーを分けてください）。"},
    "save_current": {"en": "Save the current design", "ja": "現在の設計を保存"},
    "save_name": {"en": "Name", "ja": "名前"},
    "save_name_help": {"en": "The file name (without .yaml): up to 80 characters; letters (Japanese too), digits, "
                             "spaces, '-', '_', '()'. Default: the design's name.",
                       "ja": "ファイル名（.yaml を除く）：80 文字以内。文字（日本語も可）・数字・空白・'-'・'_'・'()'。"
                             "既定値は設計の名前。"},
    "save": {"en": "Save", "ja": "保存"},
    "saved_ok": {"en": "Saved as “{name}”.", "ja": "「{name}」として保存しました。"},
    "overwrite_ask": {"en": "A saved design named “{name}” exists already. Replace it with the current design?",
                      "ja": "「{name}」という名前の設計がすでにあります。現在の設計で置き換えますか？"},
    "overwrite_yes": {"en": "Replace it", "ja": "置き換える"},
    "cancel": {"en": "Cancel", "ja": "キャンセル"},
    "saved_list": {"en": "Your saved designs", "ja": "保存した設計の一覧"},
    "saved_empty": {"en": "No saved designs yet. Name the current design above and press Save.",
                    "ja": "保存した設計はまだありません。上で名前を付けて「保存」を押してください。"},
    "saved_pick": {"en": "Saved design", "ja": "保存した設計"},
    "saved_pick_help": {"en": "The design the buttons below act on.", "ja": "下のボタンの対象となる設計。"},
    "open": {"en": "Open", "ja": "開く"},
    "opened": {"en": "Opened “{name}”; it is now the current design (see Design & cost).",
               "ja": "「{name}」を開きました。現在の設計になっています（「設計と費用」で確認）。"},
    "duplicate": {"en": "Duplicate", "ja": "複製"},
    "duplicated": {"en": "Copied to “{name}”.", "ja": "「{name}」に複製しました。"},
    "copy_suffix": {"en": "{name} (copy)", "ja": "{name}（コピー）"},
    "rename": {"en": "Rename", "ja": "名前を変更"},
    "new_name": {"en": "New name", "ja": "新しい名前"},
    "new_name_help": {"en": "Same rules as the name above; an existing name is not replaced.",
                      "ja": "上の名前と同じ規則。既存の名前は置き換えません。"},
    "renamed": {"en": "Renamed to “{name}”.", "ja": "「{name}」に名前を変更しました。"},
    "delete": {"en": "Delete", "ja": "削除"},
    "delete_ask": {"en": "Delete “{name}”? This cannot be undone.", "ja": "「{name}」を削除しますか？元に戻せません。"},
    "delete_yes": {"en": "Yes, delete it", "ja": "削除する"},
    "deleted": {"en": "Deleted “{name}”.", "ja": "「{name}」を削除しました。"},
    "col_saved_name": {"en": "Name", "ja": "名前"},
    "col_design_name": {"en": "Design name", "ja": "設計の名前"},
    "col_modified": {"en": "Saved", "ja": "保存日時"},
    "col_saved_total": {"en": "Monthly (USD)", "ja": "月額（USD）"},
    "saved_broken": {"en": "(not a valid design file)", "ja": "（設計ファイルとして読めません）"},
    "storage_exists": {"en": "A saved design named “{name}” exists already; choose another name.",
                       "ja": "「{name}」という名前の設計がすでにあります。別の名前にしてください。"},
    "storage_failed": {"en": "That did not work: {message}", "ja": "できませんでした：{message}"},
    "storage_name_empty": {"en": "Give the design a name.", "ja": "名前を入力してください。"},
    "storage_name_long": {"en": "The name is {length} characters long; the limit is {limit}.",
                          "ja": "名前が {length} 文字あります。{limit} 文字以内にしてください。"},
    "storage_name_dot": {"en": "The name cannot start with '.'.", "ja": "名前を '.' で始めることはできません。"},
    "storage_name_chars": {"en": "The name cannot contain {chars}; use letters, digits, spaces, '-', '_' or '()'.",
                           "ja": "名前に {chars} は使えません。文字・数字・空白・'-'・'_'・'()' を使ってください。"},
    "storage_not_found": {"en": "No saved design is named “{name}” (was it renamed or deleted in another tab?).",
                          "ja": "「{name}」という保存済みの設計はありません（別のタブで名前の変更や削除をしましたか？）"
                                "。"},
    "storage_too_large": {"en": "“{name}” is too large to be a design file.",
                          "ja": "「{name}」は設計ファイルとしては大きすぎます。"},
    "storage_changed": {"en": "Not saved: “{name}” was changed at {when} (in another tab or program) after you opened "
                              "it. Your design is still here; choose below.",
                        "ja": "保存していません：「{name}」は開いた後の {when} に別のタブまたはプログラムで変更されまし"
                              "た。現在の設計はそのまま残っています。下で選んでください。"},
    "overwrite_ask_changed": {"en": "“{name}” was changed at {when} by another tab or program after you opened it. "
                                    "Replace that newer version with the current design?",
                              "ja": "「{name}」は開いた後の {when} に別のタブまたはプログラムで変更されています。その新"
                                    "しい版を現在の設計で置き換えますか？"},
    "overwrite_ask_similar": {"en": "A saved design named “{name}” exists already (names that differ only in "
                                    "upper/lower case, full/half width or accents are the same name). Replace it with "
                                    "the current design?",
                              "ja": "「{name}」という名前の設計がすでにあります（大文字・小文字、全角・半角、アクセント"
                                    "の違いだけの名前は同じ名前として扱います）。現在の設計で置き換えますか？"},
    "storage_no_space": {"en": "That did not work: the disk holding {folder} is full. Nothing was changed; saved "
                               "designs are as they were.",
                         "ja": "できませんでした：{folder} のディスクがいっぱいです。何も変更していません（保存済みの設"
                               "計はそのままです）。"},
    "storage_read_only": {"en": "That did not work: the folder {folder} is read-only. Nothing was changed.",
                          "ja": "できませんでした：フォルダー {folder} は読み取り専用です。何も変更していません。"},
    "storage_denied": {"en": "That did not work: no permission to change files in {folder}. Nothing was changed.",
                       "ja": "できませんでした：{folder} のファイルを変更する権限がありません。何も変更していません。"},
    "storage_name_bytes": {"en": "The name is {bytes} bytes in UTF-8; a file name allows {limit} (most Japanese "
                                 "characters take 3 bytes, emoji 4). Shorten it.",
                           "ja": "名前が UTF-8 で {bytes} バイトあります。ファイル名は {limit} バイトまでです（日本語の"
                                 "多くは 1 文字 3 バイト、絵文字は 4 バイト）。短くしてください。"},
    "storage_os_error": {"en": "That did not work ({reason}) in {folder}. Nothing was changed.",
                         "ja": "できませんでした（{reason}）：{folder}。何も変更していません。"},
    "storage_busy": {"en": "Another save in this folder is still running; nothing was changed. Try again in a moment.",
                     "ja": "このフォルダーで別の保存が実行中です。何も変更していません。少し待ってからもう一度お試しく"
                           "ださい。"},
    "storage_folder_unreadable": {"en": "The folder {folder} cannot be read ({reason}), so saved designs cannot be "
                                        "listed.",
                                  "ja": "フォルダー {folder} を読み込めません（{reason}）。保存した設計を一覧にできませ"
                                        "ん。"},
    "storage_not_folder": {"en": "{folder} is a file, not a folder; set SERVERLESS_PLANNER_DESIGNS to a folder.",
                           "ja": "{folder} はフォルダーではなくファイルです。SERVERLESS_PLANNER_DESIGNS にフォルダーを"
                                 "指定してください。"},
    "col_saved_problem": {"en": "Why it does not open", "ja": "開けない理由"},
    "saved_template_line": {"en": "Template: {name}", "ja": "テンプレート：{name}"},
    "saved_open_failed": {"en": "“{name}” cannot be opened: {reason}", "ja": "「{name}」を開けません：{reason}"},
    "unexpected_error": {"en": "{error}: {detail}",
                         "ja": "想定外のエラーです（{error}）。このファイルを報告してください"},
})


# ---- the words other modules kept in their own tables, merged here under namespaced keys:
# "export.*" (CSV, XLSX and HTML exports; render/quote/words.py), "import.*" (the Design page's import
# panel; webapp/views/import_box.py), "field_help.*" (the help under the Design page's fields;
# webapp/views/fields.py), "account.*" (webapp/views/account.py), "page.dynamodb.*" and "page.limits.*"
# (those pages), and their Japanese column headings "page.dynamodb.column.<English heading>" /
# "page.limits.column.<...>".
# Every key in UI is found by `t`, like TEXT's and FIELD_LABELS'.

_EXPORT: dict[str, dict[str, str]] = {
    "title": {"en": "AWS cost estimate", "ja": "AWS 利用料 概算見積"},
    "generated": {"en": "Prepared on {date} with Serverless Planner", "ja": "{date} 作成（Serverless Planner）"},
    "design": {"en": "Design", "ja": "設計"},
    "description": {"en": "Description", "ja": "説明"},
    "region": {"en": "Region", "ja": "リージョン"},
    "free_tier": {"en": "Free tier", "ja": "無料利用枠"},
    "currency": {"en": "Currency", "ja": "通貨"},
    "rate": {"en": "Exchange rate", "ja": "為替レート"},
    "tax_pct": {"en": "Tax rate", "ja": "消費税等の税率"},
    "subtotal": {"en": "Monthly subtotal (excl. tax)", "ja": "月額小計（税抜）"},
    "tax": {"en": "Tax", "ja": "消費税等"},
    "total": {"en": "Monthly total (incl. tax)", "ja": "月額合計（税込）"},
    "total_no_tax": {"en": "Monthly total", "ja": "月額合計"},
    "exact": {"en": "Exact sum before rounding", "ja": "丸め前の合計"},
    "rounding": {"en": "Rounding", "ja": "端数処理"},
    "rounding_difference": {"en": "Rounding difference", "ja": "端数処理による差"},
    "year": {"en": "12-month total (with the design's growth, excl. tax)",
             "ja": "12 か月の合計（設計の月次成長を含む、税抜）"},
    "prices_as_of": {"en": "Prices as of", "ja": "価格の基準日"},
    "readiness": {"en": "Readiness (limits at launch)", "ja": "リリース時の上限チェック"},
    "readiness_overall": {"en": "Readiness overall", "ja": "上限チェックの総合判定"},
    "range": {"en": "Range", "ja": "幅"},
    "range_method": {"en": "Ranges are computed by evaluating three cases separately — every range at its low value, "
                           "at its expected value, and at its high value — not by sampling. The low case is not always "
                           "the cheapest.",
                     "ja": "幅は 3 つのケース（すべての幅を下限・想定・上限にした設計）をそれぞれ計算したものです（サン"
                           "プリングではありません）。下限ケースが最も安いとは限りません。"},
    "case_low": {"en": "Low case", "ja": "下限ケース"},
    "case_expected": {"en": "Expected", "ja": "想定"},
    "case_high": {"en": "High case", "ja": "上限ケース"},
    "breakdown": {"en": "Monthly cost by component", "ja": "コンポーネント別の月額費用"},
    "line_items": {"en": "Line items", "ja": "明細"},
    "summary": {"en": "Summary", "ja": "概要"},
    "assumptions": {"en": "Assumptions", "ja": "前提条件"},
    "scenarios": {"en": "Scenarios", "ja": "シナリオ"},
    "checks": {"en": "Readiness", "ja": "上限チェック"},
    "quote_settings": {"en": "Quote settings", "ja": "見積もりの設定"},
    "inputs": {"en": "Design inputs (as given)", "ja": "設計の入力値（指定どおり）"},
    "defaults": {"en": "Defaults assumed (not given in the design)", "ja": "既定値を仮定した項目（設計で未指定）"},
    "ranges": {"en": "Ranges (low / expected / high)", "ja": "幅のある値（下限 / 想定 / 上限）"},
    "warnings": {"en": "Warnings", "ja": "注意事項"},
    "prices": {"en": "Prices used: dates and sources", "ja": "使用した価格：基準日と出典"},
    "none": {"en": "none", "ja": "なし"},
    "field": {"en": "Field", "ja": "項目"},
    "value": {"en": "Value", "ja": "値"},
    "default_value": {"en": "Default used", "ja": "使用した既定値"},
    "col_row": {"en": "Row", "ja": "行の種類"},  # the CSV's first column: which rows to sum (the line rows)
    "row_line": {"en": "line", "ja": "明細"},
    "row_subtotal": {"en": "subtotal", "ja": "小計"},
    "row_tax": {"en": "tax", "ja": "税"},
    "row_total": {"en": "total", "ja": "合計"},
    "row_low": {"en": "low case", "ja": "下限ケース"},
    "row_high": {"en": "high case", "ja": "上限ケース"},
    "row_note": {"en": "note", "ja": "注記"},
    "col_component": {"en": "Component", "ja": "コンポーネント"},
    "col_service": {"en": "Service", "ja": "サービス"},
    "col_dimension": {"en": "Dimension", "ja": "課金項目"},
    "col_quantity": {"en": "Quantity", "ja": "数量"},
    "col_unit": {"en": "Unit", "ja": "単位"},
    "col_unit_price_usd": {"en": "Unit price (USD)", "ja": "単価（USD）"},
    "col_cost_usd": {"en": "Cost (USD, exact)", "ja": "費用（USD、丸め前）"},
    "col_amount": {"en": "Amount ({cur}, rounded)", "ja": "金額（{cur}、端数処理後）"},
    "col_as_of": {"en": "Price as of", "ja": "価格の基準日"},
    "col_confidence": {"en": "Confidence", "ja": "確度"},
    "col_source": {"en": "Source", "ja": "出典"},
    "col_formula": {"en": "How", "ja": "計算"},
    "col_price_id": {"en": "Price id", "ja": "価格 ID"},
    "col_price": {"en": "Price", "ja": "価格"},
    "col_status": {"en": "Status", "ja": "判定"},
    "col_check": {"en": "Check", "ja": "チェック"},
    "col_limit": {"en": "Limit", "ja": "上限"},
    "col_limit_value": {"en": "Limit value", "ja": "上限値"},
    "col_limit_source": {"en": "Limit source", "ja": "上限の出典"},
    "col_peak": {"en": "Peak demand", "ja": "ピーク需要"},
    "col_headroom": {"en": "Headroom %", "ja": "余裕（%）"},
    "col_affected": {"en": "Affected requests / month", "ja": "影響を受けるリクエスト数 / 月"},
    "col_consequence": {"en": "Consequence", "ja": "影響"},
    "col_action": {"en": "Action", "ja": "対策"},
    "col_case": {"en": "Case", "ja": "ケース"},
    "col_low": {"en": "Low", "ja": "下限"},
    "col_expected": {"en": "Expected", "ja": "想定"},
    "col_high": {"en": "High", "ja": "上限"},
    "status_pass": {"en": "pass", "ja": "合格"},
    "status_warn": {"en": "warn", "ja": "注意"},
    "status_fail": {"en": "fail", "ja": "不合格"},
    "no_price": {"en": "no price in the catalog", "ja": "カタログに価格なし"},
    "unpriced": {"en": "{n} line(s) have no price in the catalog and are not in the total", "ja": "{n} 件の明細はカタ"
                                                                                                  "ログに価格がなく、合計に含まれていません"},
    "engine_note": {"en": "Free-tier allowances appear as negative lines; volume tiers as separate lines.",
                    "ja": "無料利用枠はマイナスの明細、料金階層は階層ごとの明細で示します。"},
    "tax_note": {"en": "AWS prices exclude tax.", "ja": "AWS の価格は税抜です。"},
    "dates_note": {"en": "Tables give dates as YYYY-MM-DD.", "ja": "表の日付は YYYY-MM-DD 形式です。"},
    "month_note": {"en": "A month is 730 hours.", "ja": "1 か月 = 730 時間として計算しています。"},
    "limits_default": {"en": "AWS's published defaults (pricing/limits.yaml)",
                       "ja": "AWS の公表値（pricing/limits.yaml）"},
    "notes": {"en": "Notes", "ja": "注記"},
    "print_hint": {"en": "Print this page or save it as PDF from the browser (Ctrl+P / ⌘P).",
                   "ja": "ブラウザの印刷（Ctrl+P / ⌘P）で印刷または PDF 保存できます。"},
    # the customer quote's title block, summary page and appendix
    "customer": {"en": "Customer", "ja": "宛先"},
    "customer_to": {"en": "{customer}", "ja": "{customer} 御中"},
    "prepared_by": {"en": "Prepared by", "ja": "作成者"},
    "quote_number": {"en": "Quote number", "ja": "見積番号"},
    "quote_date": {"en": "Quote date", "ja": "見積日"},
    "valid_until": {"en": "Valid until", "ja": "有効期限"},
    "customer_notes": {"en": "Notes", "ja": "備考"},
    "by_service": {"en": "Monthly cost by service", "ja": "サービス別の月額費用"},
    "key_assumptions": {"en": "Key assumptions", "ja": "主な前提条件"},
    "risks": {"en": "Points to review before launch", "ja": "リリース前に確認が必要な点"},
    "no_risks": {"en": "At these volumes no AWS limit is expected to be reached.",
                 "ja": "この利用量では、AWS の上限に達する項目はない見込みです。"},
    "appendix": {"en": "Appendix", "ja": "付録"},
    "appendix_lines": {"en": "Appendix A: line items", "ja": "付録 A：明細"},
    "appendix_prices": {"en": "Appendix B: prices used", "ja": "付録 B：使用した価格"},
    "appendix_checks": {"en": "Appendix C: limit checks in detail", "ja": "付録 C：上限チェックの詳細"},
    "col_unit_price": {"en": "Unit price", "ja": "単価"},
    "col_amount_plain": {"en": "Amount", "ja": "金額"},
    "requests_month": {"en": "Requests per month", "ja": "月間リクエスト数"},
    "free_none": {"en": "not applied", "ja": "適用しない"},
    "free_always": {"en": "the always-free allowances applied", "ja": "常時無料の枠を適用"},
    "free_first_year": {"en": "the always-free and 12-month free allowances applied",
                        "ja": "常時無料の枠と 12 か月間無料の枠を適用"},
    "prices_basis": {"en": "On-demand prices for the region as of the dates shown, from AWS's pricing pages and Price "
                             "List or copies of them (each price's source is listed); where AWS states no figure for "
                             "the region, the same price of another region is used. AWS may change them.",
                     "ja": "表示した基準日時点の、該当リージョンにおけるオンデマンド料金です。AWS の料金ページ・"
                           "価格一覧 API またはその写しによります（各料金の出典を記載）。AWS がそのリージョンの金額を"
                           "示していない料金は、他のリージョンの同じ料金を用いています。AWS により変更される場合が"
                           "あります。"},
    "estimate_basis": {"en": "An estimate from the expected monthly volumes; the actual bill follows actual usage.",
                       "ja": "想定した月間利用量に基づく概算です。実際の請求額は実際の利用量によります。"},
    "service_other": {"en": "Other", "ja": "その他"},
}

_IMPORT: dict[str, dict[str, str]] = {
    "panel": {"en": "Import from infrastructure code (SAM, CloudFormation, Serverless Framework, Terraform)",
              "ja": "インフラのコードから取り込む（SAM・CloudFormation・`serverless.yml`・Terraform）"},
    "upload": {"en": "Template, .tf file or .zip of a folder",
               "ja": "テンプレート、.tf ファイルまたはフォルダーの .zip"},
    "upload_help": {"en": "A CloudFormation/SAM template (YAML or JSON), a serverless.yml, one Terraform .tf "
                          "file, or a .zip of a folder (to follow local Terraform modules and nested stacks). The "
                          "import replaces the current design; usage the template cannot know is assumed "
                          "and listed.",
                    "ja": "CloudFormation/SAM テンプレート（YAML または JSON）、`serverless.yml`、Terraform の "
                          ".tf ファイル 1 つ、またはフォルダーの .zip（ローカルの Terraform モジュールやネストされた"
                          "スタックをたどるため）。"
                          "取り込むと現在の設計は置き換わります。テンプレートに書かれていない利用量は仮定値で補い、一覧"
                          "にします。"},
    "params": {"en": "Parameters / variables (Name=Value, separated by spaces)",
               "ja": "パラメーター／変数（`Name=Value` をスペース区切りで）"},
    "params_help": {"en": "Values for template parameters or Terraform variables; the others take their defaults. "
                          "For a serverless.yml: ${param:NAME} values, and opt:stage=prod (or opt:region=..., "
                          "env:NAME=value) for the stage, region and environment variables.",
                    "ja": "テンプレートのパラメーターや Terraform 変数の値。指定しないものは既定値を使います。"
                          "`serverless.yml` では `${param:NAME}` の値のほか、`opt:stage=prod`（または "
                          "`opt:region=…`、`env:NAME=値`）でステージ・リージョン・環境変数を指定します。"},
    "imported": {"en": "Imported", "ja": "取り込みました："},
    "components": {"en": "components", "ja": "コンポーネント"},
    "failed": {"en": "This template was not imported:", "ja": "このテンプレートは取り込めませんでした："},
    "recognised": {"en": "Recognised", "ja": "認識したリソース"},
    "ignored": {"en": "Ignored (not priced)", "ja": "対象外（料金計算なし）"},
    "unresolved": {"en": "Unresolved (design defaults used)", "ja": "解決できなかった値（設計の既定値を使用）"},
    "assumptions": {"en": "Assumed usage — edit these", "ja": "仮定した利用量（編集してください）"},
    "notes": {"en": "Notes", "ja": "注記"},
}

_DYNAMODB = {
    "title": {"en": "DynamoDB capacity planner", "ja": "DynamoDB キャパシティプランナー"},
    "caption": {"en": "On-demand, fixed provisioned, auto scaling, a weekly recurring schedule (Application Auto "
                      "Scaling scheduled actions, at most 200 per scalable target) and reserved capacity, on this "
                      "table's traffic over the month; throughput cost only. Every plan obeys AWS's decrease rule, "
                      "read as a rolling 60-minute window: up to 4 decreases within 60 minutes of the UTC day's "
                      "first, then one at a time more than 60 minutes apart, 27 a day at most. The exact one-time "
                      "schedule for the month is shown as a lower bound only: it cannot be applied.",
                "ja": "オンデマンド、固定プロビジョンド、Auto Scaling、週単位の繰り返しスケジュール（Application Auto "
                      "Scaling のスケジュールされたアクション、スケーラブルターゲットごとに最大 200 個）、リザーブド"
                      "キャパシティを、このテーブルの 1 か月のトラフィックで比較します（スループット費用のみ）。どのプ"
                      "ランも "
                      "AWS の引き下げ規則を 60 分のローリングウィンドウとして守ります：UTC の 1 日の最初の引き下げから "
                      "60 分以内に最大 4 回、その後は前回から 60 分を超えて 1 回ずつ、1 日最大 27 回。1 か月分の最適な"
                      "一回限りのスケジュールは適用できないため、下限としてのみ表示します。"},
    "table": {"en": "Table", "ja": "テーブル"},
    "owner": {"en": "Capacity of", "ja": "キャパシティの対象"},
    "owner_help": {"en": "The base table and each global secondary index have their own capacity and their own "
                         "decrease budget.",
                   "ja": "ベーステーブルと各 GSI は、それぞれ独自のキャパシティと減少回数の枠を持ちます。"},
    "base_table": {"en": "the table itself", "ja": "テーブル本体"},
    "no_table": {"en": "The design has no DynamoDB table. Add one on the Design page (or pick the save-data template).",
                 "ja": "設計に DynamoDB テーブルがありません。設計ページで追加してください（保存テンプレートなど）。"},
    "target": {"en": "Auto scaling target utilization", "ja": "Auto Scaling の目標使用率"},
    "target_help": {"en": "AWS allows 20–90 %; the console suggests 70 %.",
                    "ja": "AWS では 20〜90 %。コンソールの既定は 70 %。"},
    "headroom": {"en": "Headroom above the peak", "ja": "ピークに対する余裕"},
    "headroom_help": {"en": "Capacity above each step's peak for the fixed and scheduled plans. Default 10 %.",
                      "ja": "固定・スケジュールのプランで、各ステップのピークに上乗せする容量。既定値 10 %。"},
    "throttle": {"en": "Allowed throttled share", "ja": "許容するスロットリング率"},
    "throttle_help": {"en": "Share of requests the scheduled plan may let throttle (0 = none).",
                      "ja": "スケジュールのプランで許容するスロットリングの割合（0 = 許容しない）。"},
    "step": {"en": "Schedule step (minutes)", "ja": "スケジュールの刻み（分）"},
    "step_help": {"en": "Steps of the one-time lower bound. The weekly schedule always uses hourly steps "
                          "(168 a week, within 200 actions per target).",
                  "ja": "一回限りのスケジュール（下限）の刻み。週単位のスケジュールは常に 1 時間刻みです"
                        "（週 168 個、ターゲットごとに 200 個以内）。"},
    "table_class": {"en": "Table class", "ja": "テーブルクラス"},
    "table_class_help": {"en": "Standard-IA: cheaper storage, dearer throughput; no reserved capacity.",
                         "ja": "Standard-IA：ストレージは安く、スループットは高い。リザーブドキャパシティは不可。"},
    "recommended": {"en": "Recommended", "ja": "推奨"},
    "free_tier": {"en": "Count the free tier (25 RCU / 25 WCU)", "ja": "無料利用枠（25 RCU / 25 WCU）を含める"},
    "free_tier_help": {"en": "AWS gives each account 25 RCU and 25 WCU of provisioned Standard capacity free, shared "
                               "by all its tables and indexes in the Region. Untick if tables outside this design "
                               "already use them.",
                       "ja": "AWS はアカウントごとにプロビジョンド（Standard）の 25 RCU と 25 WCU を無料で提供し、"
                             "リージョン内のすべてのテーブルとインデックスで共有します。この設計の外のテーブルが"
                             "すでに使っている場合は外してください。"},
    "free_counted": {"en": "Provisioned costs count {rcu} free RCU-hours and {wcu} free WCU-hours a month for this "
                             "table: the account's always-free 25 RCU / 25 WCU, after the design's other tables. AWS "
                             "shares them among every provisioned Standard table of the account in the Region.",
                     "ja": "プロビジョンドの費用には、このテーブル分として月 {rcu} RCU 時間と {wcu} WCU 時間の"
                           "無料利用枠（アカウントの 25 RCU / 25 WCU から、この設計の他のテーブルの分を除いた残り）を"
                           "含めています。"
                           "この枠はリージョン内のアカウントの全プロビジョンド Standard テーブルで共有されます。"},
    "free_not_counted": {"en": "Costs without the free tier.", "ja": "無料利用枠を含めない費用です。"},
    "min_cap": {"en": "Minimum capacity (units)", "ja": "最小キャパシティ（ユニット）"},
    "min_cap_help": {"en": "Lowest RCU/WCU a provisioned plan may set (auto scaling minimum). Default 1.",
                     "ja": "プロビジョンドで設定できる最小の RCU/WCU（Auto Scaling の最小値）。既定値 1。"},
    "max_cap": {"en": "Maximum capacity (units)", "ja": "最大キャパシティ（ユニット）"},
    "max_cap_help": {"en": "Highest RCU/WCU (auto scaling maximum). Default 40,000, the per-table quota.",
                     "ja": "最大の RCU/WCU（Auto Scaling の最大値）。既定値 40,000（テーブルのクォータ）。"},
    "used_today": {"en": "Decreases already used today (UTC)", "ja": "本日（UTC）使用済みの減少回数"},
    "used_today_help": {"en": "The live table's (or GSI's) NumberOfDecreasesToday; 0–27. Counted on the UTC day "
                              "of the last decrease.",
                        "ja": "実テーブル（または GSI）の NumberOfDecreasesToday。0〜27。最後の引き下げの UTC 日に数え"
                              "ます。"},
    "last": {"en": "Last decrease (UTC, ISO 8601)", "ja": "最後の引き下げ（UTC、ISO 8601）"},
    "last_help": {"en": "The live table's (or GSI's) LastDecreaseDateTime, e.g. 2026-12-07T08:30:00Z. Empty: none "
                        "recently (with decreases used today, assumed at the plan's start).",
                  "ja": "実テーブル（または GSI）の LastDecreaseDateTime。例：2026-12-07T08:30:00Z。空欄：最近なし"
                        "（本日の使用回数があるときは、プランの開始時刻とみなします）。"},
    "last_bad": {"en": "Not an ISO 8601 time; ignored: {text}", "ja": "ISO 8601 の時刻ではないため無視します：{text}"},
    "from_account": {"en": "Filled from the account snapshot: {name}, {used} decreases today, last {last}.",
                     "ja": "アカウントのスナップショットから入力：{name}、本日の引き下げ {used} 回、最後 {last}。"},
    "none": {"en": "none", "ja": "なし"},
    "actions": {"en": "Download the weekly schedule as Application Auto Scaling scheduled actions (JSON)",
                "ja": "週単位のスケジュールを Application Auto Scaling のスケジュールされたアクションとしてダウンロード"
                      "（JSON）"},
    "actions_note": {"en": "{n} cron actions (UTC), at most {most} per scalable target (limit 200). Apply: "
                           "register-scalable-target for reads and writes at the peak ({r} RCU, {w} WCU), then "
                           "put-scheduled-action for each entry. Reads and writes are separate updates: each "
                           "lowering counts as a decrease, and the plan counts them that way.",
                     "ja": "`cron` のアクション {n} 個（UTC）、スケーラブルターゲットごとに最大 {most} 個（上限 200）。"
                           "適"
                           "用："
                           "読み込みと書き込みをピーク（{r} RCU、{w} WCU）で `register-scalable-target` し、各項目を "
                           "`put-scheduled-action` します。読み込みと書き込みは別々の更新で、それぞれの引き下げが 1 回"
                           "と"
                           "数えられます。プランもそのように数えています。"},
    "compare": {"en": "Weekly recurring schedule: USD {weekly} a month; the one-time lower bound: USD {bound} "
                      "({gap} above it). The bound is a one-time schedule for this month only ({changes} changes, "
                      "against 200 scheduled actions per scalable target), so it is never recommended.",
                "ja": "週単位の繰り返しスケジュール：月額 USD {weekly}。一回限りのスケジュール（下限）：月額 USD "
                      "{bound}"
                      "（下限より {gap} 高い）。下限はこの 1 か月だけの一回限りのスケジュール（変更 {changes} 回、"
                      "スケーラブルターゲットごとの上限は 200 個）のため、推奨しません。"},
    "schedule": {"en": "Weekly schedule (UTC)", "ja": "週単位のスケジュール（UTC）"},
    "bound_schedule": {"en": "One-time schedule for the month (lower bound, cannot be applied)",
                       "ja": "1 か月分の一回限りのスケジュール（下限、適用不可）"},
    "bound_computing": {"en": "Working out the exact one-time lower bound for the month… (the recommendation "
                               "above does not depend on it)",
                        "ja": "1 か月分の一回限りのスケジュールによる正確な下限を計算しています…（上の推奨はこの結果に"
                              "左右されません）"},
    "reads": {"en": "Reads (RCU)", "ja": "読み込み（RCU）"}, "writes": {"en": "Writes (WCU)", "ja": "書き込み（WCU）"},
    "problems": {"en": "The design has problems; fix them on the Design page:",
                 "ja": "設計に問題があります。設計ページで修正してください："},
}

#: column headings on a Japanese screen
_DYNAMODB_COLUMNS = {"strategy": "方式", "applicable": "適用可", "USD / month": "USD／月", "USD / 12 "
                                                                                           "months": "USD／12 か月",
              "throttled / month": "スロットリング／月", "utilization": "使用率", "max decreases / "
                                                                                  "day": "1 日の最大減少回数",
              "note": "注記"}

_LIMITS = {
    "from_account": {"en": " (from your account)", "ja": "（お使いのアカウントから）"},
    "title": {"en": "Limits before launch", "ja": "リリース前の上限チェック"},
    "caption": {"en": "The design's month of traffic (1-minute steps, with its daily profile and spikes) against the "
                      "limits that bite at launch. fail = at least 1 in 10,000 requests lost; warn = any lost, or "
                      "within 20 % of the limit.",
                "ja": "1 か月分のトラフィック（1 分刻み、日内変動とスパイクを含む）を、リリース時に問題となる上限と比べ"
                      "ます。不合格 = 1 万件に 1 件以上が失われる、注意 = 失われる要求がある、または上限まで 20 % 未満"
                      "。"},
    "whatif": {"en": "What if…", "ja": "もし…なら"},
    "source_what_if": {"en": "what-if (this page only)", "ja": "仮定の値（このページのみ）"},
    "whatif_help": {"en": "These change only this page's report, not the design.",
                    "ja": "このページのレポートだけを変えます（設計は変わりません）。"},
    "account_concurrency": {"en": "Account Lambda concurrency", "ja": "アカウントの Lambda 同時実行数"},
    "account_concurrency_help": {"en": "Concurrent executions per account and Region. AWS default 1,000; new accounts "
                                       "often have 10 or 50.",
                                 "ja": "アカウント・リージョンあたりの同時実行数。既定値 1,000（新規アカウントは 10 や "
                                       "50 のことも）。"},
    "reserved": {"en": "Reserved concurrency (0 = none)", "ja": "予約同時実行数（0 = なし）"},
    "timeout": {"en": "Timeout (s)", "ja": "タイムアウト（秒）"},
    "status": {"en": "Status", "ja": "判定"},
    "overall": {"en": "Overall", "ja": "総合"},
    "chart_for": {"en": "Chart", "ja": "グラフ"},
    "problems": {"en": "The design has problems; fix them on the Design page:",
                 "ja": "設計に問題があります。設計ページで修正してください："},
    "rcu": {"en": "RCU", "ja": "RCU"}, "wcu": {"en": "WCU", "ja": "WCU"},
    "availability": {"en": "Composite availability (SLA)", "ja": "複合可用性（SLA）"},
    "availability_help": {"en": "Product of AWS's SLAs along the synchronous request path; asynchronous parts (after "
                                "SQS, S3 events) are excluded. An SLA is a credit promise, not a guarantee.",
                          "ja": "同期的なリクエスト経路上の AWS SLA の積。SQS や S3 イベントの後の非同期部分は除きます"
                                "。SLA は返金の約束であり保証ではありません。"},
    "degraded": {"en": "Degraded minutes / month (at SLA)", "ja": "劣化しうる分数／月（SLA 水準）"},
}

#: column headings on a Japanese screen (the data keeps its English keys)
_LIMITS_COLUMNS = {"status": "判定", "check": "チェック", "component": "コンポーネン"
                                                                       "ト", "peak": "ピーク", "limit": "上限",
              "unit": "単位", "headroom %": "余裕 %", "affected / month": "影響する要求／月", "consequence": "結果",
              "action": "対応", "limit source": "上限の出典"}
#: the same headings on an English screen (the data's keys are short and lower-case)
_LIMITS_COLUMNS_EN = {"status": "Status", "check": "Check", "component": "Component", "peak": "Peak", "limit": "Limit",
                      "unit": "Unit", "headroom %": "Headroom %", "affected / month": "Affected requests / month",
                      "consequence": "What happens", "action": "What to do", "limit source": "Limit source",
                      "now": "Now", "at ×N": "At ×N", "first fails at": "First fails at"}


def _limits_headings(japanese: dict[str, str]) -> dict[str, dict[str, str]]:
    """The Limits page's column headings: English from `_LIMITS_COLUMNS_EN`, the key is the data's column."""
    return {name: {"en": _LIMITS_COLUMNS_EN[name], "ja": ja} for name, ja in japanese.items()}


_ACCOUNT: dict[str, dict[str, str]] = {  # the Account page ({pull_env}: the switch's name)
    "page": {"en": "Account", "ja": "アカウント"},
    "title": {"en": "Live settings from an AWS account", "ja": "AWS アカウントの実際の設定"},
    "caption": {"en": "Reads limits and settings (Lambda concurrency, API throttles and timeouts, DynamoDB capacity, b"
                      "uckets, queues, Service Quotas) with read-only calls, and compares them with the design.",
                "ja": "読み取り専用の API で上限と設定（Lambda 同時実行数、API のスロットリングとタイムアウト、DynamoD"
                      "B のキャパシティ、バケット、キュー、Service Quotas）を読み、設計と比べます。"},
    "server_account": {"en": "Pulling reads **the AWS account of the server running this app** (its profiles, environm"
                             "ent or instance role) — not yours, unless you run the app yourself. It is off unless the"
                             " server's owner sets `{pull_env}=1`. Elsewhere, run `serverless-planner pull -o snapshot"
                             ".json` on your own machine and open the file below.",
                       "ja": "取得すると **このアプリを動かしているサーバーの AWS アカウント**（そのプロファイル、環境"
                             "変数、インスタンスロール）を読みます。ご自身でアプリを動かしている場合を除き、あなたのア"
                             "カウントではありません。サーバーの管理者が `{pull_env}=1` を設定しない限り無効です。その"
                             "場合は手元で `serverless-planner pull -o snapshot.json` を実行し、下でファイルを開いてく"
                             "ださい。"},
    "disabled": {"en": "Pulling is switched off on this server ({pull_env} is not set to 1). You can still open a snap"
                       "shot file.",
                 "ja": "このサーバーでは取得が無効です（{pull_env} が 1 ではありません）。スナップショットファイルは開"
                       "けます。"},
    "profiles": {"en": "Profiles (accounts)", "ja": "プロファイル（アカウント）"},
    "profiles_help": {"en": "From the server's AWS config files; the default chain uses AWS_PROFILE, environment or "
                            "instance credentials.",
                      "ja": "サーバーの AWS 設定ファイルから。既定のチェーンは `AWS_PROFILE`、環境変数、インスタンス"
                            "の認"
                            "証情報を使います。"},
    "default_chain": {"en": "(default credentials)", "ja": "（既定の認証情報）"},
    "regions": {"en": "Regions", "ja": "リージョン"},
    "pull": {"en": "Pull from AWS", "ja": "AWS から取得"},
    "pulling": {"en": "Reading the account…", "ja": "アカウントを読み取り中…"},
    "upload": {"en": "Or open a snapshot file (from `serverless-planner pull -o`)", "ja": "またはスナップショットファ"
                                                                                          "イルを開く（`serverless-pla"
                                                                                          "nner pull -o` で作成）"},
    "upload_error": {"en": "This file was not opened:", "ja": "このファイルは開けませんでした："},
    "malformed": {"en": "{name}: not a usable snapshot — the field `{field}` should be {allowed}, but it is {found}. "
                        "Pull a new snapshot, or fix that field.",
                  "ja": "{name}：使えないスナップショットです。フィールド `{field}` は {allowed} であるべきですが、"
                        "{found} です。スナップショットを取り直すか、そのフィールドを直してください。"},
    "this_snapshot": {"en": "This snapshot", "ja": "このスナップショット"},
    "not_json": {"en": "{name} is not readable as JSON (truncated, empty or not a snapshot file):",
                 "ja": "{name} は JSON として読めません（途中で切れている、空、またはスナップショットではないファイル"
                       "）："},
    "not_snapshot": {"en": "{name} is not an account snapshot written by `serverless-planner pull`:",
                     "ja": "{name} は `serverless-planner pull` で作ったアカウントのスナップショットではありません："},
    "too_large": {"en": "{name} is too large for a snapshot:", "ja": "{name} はスナップショットとしては大きすぎます："},
    "render_error": {"en": "This snapshot could not be shown ({error}). Open another snapshot or pull again.",
                     "ja": "このスナップショットは表示できませんでした（{error}）。別のスナップショットを開くか、取り"
                           "直してください。"},
    "deadline_gaps": {"en": "{count} read(s) did not finish before the pull's deadline ({seconds} s) and are listed as"
                            " gaps of kind `deadline`. Pull again, or run `serverless-planner pull --deadline SECONDS`"
                            " with more time.",
                      "ja": "{count} 件の読み取りが取得の制限時間（{seconds} 秒）内に終わらず、種類 `deadline` の欠落"
                            "として表示しています。もう一度取得するか、`serverless-planner pull --deadline 秒数` で時"
                            "間を延ばしてください。"},
    "bad_response_gaps": {"en": "{count} answer(s) were not AWS's (an HTML page, unreadable bytes, or more than {cap} "
                                "MB): a proxy, captive portal or wrong endpoint? They are gaps of kind `bad_response`,"
                                " not empty lists.",
                          "ja": "{count} 件の応答が AWS のものではありませんでした（HTML ページ、読めないバイト列、ま"
                                "たは {cap} MB 超）。プロキシ、キャプティブポータル、エンドポイントの誤りが考えられま"
                                "す。空の一覧ではなく、種類 `bad_response` の欠落として表示しています。"},
    "snapshot": {"en": "Snapshot taken", "ja": "取得日時"},
    "custom_endpoint": {"en": "from a custom endpoint (AWS_ENDPOINT_URL), not AWS",
                        "ja": "カスタムエンドポイント（AWS_ENDPOINT_URL）から。AWS ではありません"},
    "account": {"en": "Account", "ja": "アカウント"},
    "region": {"en": "Region", "ja": "リージョン"},
    "limits": {"en": "Limits from your account", "ja": "アカウントの上限"},
    "no_limits": {"en": "No limit could be read in this region (see the gaps below).",
                  "ja": "このリージョンでは上限を読めませんでした（下の欠落を参照）。"},
    "functions": {"en": "Lambda functions", "ja": "Lambda 関数"},
    "apis": {"en": "APIs and stages", "ja": "API とステージ"},
    "tables": {"en": "DynamoDB tables", "ja": "DynamoDB テーブル"},
    "buckets": {"en": "S3 buckets", "ja": "S3 バケット"},
    "queues": {"en": "SQS queues", "ja": "SQS キュー"},
    "quotas": {"en": "Service Quotas (applied vs default)", "ja": "Service Quotas（適用値と既定値）"},
    "gaps": {"en": "Gaps: what could not be read, and why", "ja": "欠落：読めなかった項目とその理由"},
    "no_gaps": {"en": "Every read succeeded.", "ja": "すべて読み取れました。"},
    "diff": {"en": "The current design against this account", "ja": "現在の設計とこのアカウントの違い"},
    "no_diff": {"en": "No differences.", "ja": "違いはありません。"},
    "use_limits": {"en": "Use these limits in the design", "ja": "この上限を設計に使う"},
    "limits_used": {"en": "The design now uses the account's limits.", "ja": "設計にアカウントの上限を設定しました。"},
    "limits_unsupported": {"en": "This version's design format has no limits block yet.",
                           "ja": "このバージョンの設計形式にはまだ limits がありません。"},
    "pick": {"en": "Resources to import (none picked = all)", "ja": "取り込むリソース（未選択 = すべて）"},
    "import": {"en": "Import as design", "ja": "設計として取り込む"},
    "imported": {"en": "Imported. Traffic figures are assumptions — replace them on the Design page:",
                 "ja": "取り込みました。トラフィックの値は仮の値です。設計ページで置き換えてください："},
    "import_error": {"en": "Not imported:", "ja": "取り込めませんでした："},
    "prices": {"en": "Live prices", "ja": "最新の価格"},
    "prices_bundled": {"en": "Estimates use the bundled catalog (compiled {compiled}). No refreshed catalog for "
                             "{region}.",
                       "ja": "見積もりは同梱の価格表（{compiled} 作成）を使います。{region} の更新済み価格表はありませ"
                             "ん。"},
    "prices_cached": {"en": "Refreshed catalog for {region}: {refreshed_at} ({path}); {changed} price(s) differ from "
                            "the bundled catalog.",
                      "ja": "{region} の更新済み価格表：{refreshed_at}（{path}）。同梱の価格表と {changed} 件異なります"
                            "。"},
    "refresh": {"en": "Refresh prices from the AWS Price List", "ja": "AWS Price List から価格を更新"},
    "refresh_error": {"en": "Prices not refreshed:", "ja": "価格を更新できませんでした："},
    "diff_error": {"en": "The design could not be compared with this account:",
                   "ja": "設計をこのアカウントと比べられませんでした："},
    "pick_placeholder": {"en": "Choose resources", "ja": "リソースを選択"},
    "profiles_placeholder": {"en": "Choose profiles", "ja": "プロファイルを選択"},
    "regions_placeholder": {"en": "Choose regions", "ja": "リージョンを選択"},
    "upload_help": {"en": "A JSON file written by `serverless-planner pull -o snapshot.json` (at most 50 MB).",
                    "ja": "`serverless-planner pull -o snapshot.json` で作った JSON ファイル（50 MB まで）。"},
}

#: the Account page's table headings ("account.column.<name>"; the English is the name itself)
_ACCOUNT_COLUMNS = {
    "limit": "上限", "value": "値", "source": "読み取り元", "name": "名前", "memory_mb": "メモリ（MB）",
    "timeout_s": "タイムアウト（秒）", "architecture": "アーキテクチャ", "reserved": "予約同時実行数",
    "provisioned": "プロビジョンド同時実行数", "runtime": "ランタイム", "kind": "種類", "stages": "ステージ",
    "integration_timeouts_ms": "統合タイムアウト（ms）", "functions": "関数", "billing": "キャパシティモード",
    "rcu": "RCU", "wcu": "WCU", "table_class": "テーブルクラス", "decreases_today": "本日の引き下げ回数",
    "size_bytes": "サイズ", "gsis": "GSI 数", "autoscaling": "Auto Scaling",
    "object_count": "オブジェクト数",
    "as_of": "基準日", "type": "種類", "visibility_timeout_s": "可視性タイムアウト（秒）",
    "retention_s": "保持期間",
    "max_message_bytes": "最大メッセージサイズ", "service": "サービス", "code": "コード",
    "quota_name": "クォータ名", "applied": "適用値", "default": "既定値", "account": "アカウント",
    "region": "リージョン", "operation": "操作", "message": "AWS のメッセージ", "count": "件数", "items": "対象",
    "component": "コンポーネント", "resource": "リソース", "field": "項目", "design": "設計", "severity": "重要度",
    "note": "注記", "price_id": "価格 ID", "dimension": "課金項目",
    "bundled": "同梱の価格", "refreshed": "更新後の価格",
    "change_pct": "変化（%）", "bundled_as_of": "同梱の基準日",
}

#: the same headings in English, with their units (a key not here reads as itself)
_ACCOUNT_COLUMNS_EN = {
    "limit": "Limit", "value": "Value", "source": "Read from", "name": "Name", "memory_mb": "Memory (MB)",
    "timeout_s": "Timeout (s)", "architecture": "Architecture", "reserved": "Reserved concurrency",
    "provisioned": "Provisioned concurrency", "runtime": "Runtime", "kind": "Kind", "stages": "Stages",
    "integration_timeouts_ms": "Integration timeout (ms)", "functions": "Functions", "billing": "Capacity mode",
    "rcu": "RCU", "wcu": "WCU", "table_class": "Table class", "decreases_today": "Decreases today",
    "size_bytes": "Size", "gsis": "GSIs", "autoscaling": "Auto Scaling", "object_count": "Objects",
    "as_of": "As of", "type": "Type", "visibility_timeout_s": "Visibility timeout (s)", "retention_s": "Retention",
    "max_message_bytes": "Max message size", "service": "Service", "code": "Code", "quota_name": "Quota name",
    "applied": "Applied", "default": "Default", "account": "Account", "region": "Region", "operation": "Operation",
    "message": "AWS's message", "count": "Count", "items": "Items", "component": "Component", "resource": "Resource",
    "field": "Field", "design": "Design", "severity": "Severity", "note": "Note", "price_id": "Price id",
    "dimension": "Dimension", "bundled": "Bundled price", "refreshed": "Refreshed price", "change_pct": "Change (%)",
    "bundled_as_of": "Bundled as of",
    "metric": "Metric", "per_month": "Per month", "peak_per_s": "Peak per second",
    "errors_per_month": "Errors per month", "throttles_per_month": "Throttles per month", "p99_ms": "p99 (ms)",
}


#: values in the Account page's tables ("account.value.<value>"): kinds, modes, severities, yes/no
_ACCOUNT_VALUES = {
    "risk": {"en": "risk", "ja": "リスク"}, "differs": {"en": "differs", "ja": "相違"},
    "info": {"en": "info", "ja": "情報"}, "on_demand": {"en": "on_demand", "ja": "オンデマンド"},
    "provisioned": {"en": "provisioned", "ja": "プロビジョンド"}, "rest": {"en": "rest", "ja": "REST"},
    "http": {"en": "http", "ja": "HTTP"}, "websocket": {"en": "websocket", "ja": "WebSocket"},
    "fifo": {"en": "fifo", "ja": "FIFO"}, "standard": {"en": "standard", "ja": "標準"},
    "standard_ia": {"en": "standard_ia", "ja": "Standard-IA"}, "True": {"en": "yes", "ja": "はい"},
    "False": {"en": "no", "ja": "いいえ"}, "None": {"en": "—", "ja": "—"},
    "limits": {"en": "limits", "ja": "上限"}, "deadline": {"en": "deadline", "ja": "制限時間切れ"},
    "bad_response": {"en": "bad_response", "ja": "AWS 以外の応答"},
    "access_denied": {"en": "access_denied", "ja": "権限なし"},
    "throttled": {"en": "throttled", "ja": "スロットリング"}, "credentials": {"en": "credentials", "ja": "認証情報"},
    "unreachable": {"en": "unreachable", "ja": "接続不可"}, "not_available": {"en": "not_available", "ja": "利用不可"},
    "other": {"en": "other", "ja": "その他"},
}

#: fields and limits named in the Account page's tables ("account.field.<name>") that FIELD_LABELS does not have
_ACCOUNT_FIELDS = {
    "lambda_concurrency": "Lambda の同時実行数（アカウント）", "lambda_unreserved_min": "予約されずに残す同時実行数",
    "api_rps": "API のスロットリング（リクエスト/秒）", "api_burst": "API のバースト",
    "dynamodb_table_read": "DynamoDB テーブルの読み込み上限", "dynamodb_table_write": "DynamoDB テーブルの書き込み上限",
    "dynamodb_account_read": "DynamoDB アカウントの読み込み上限",
    "dynamodb_account_write": "DynamoDB アカウントの書き込み上限", "exists": "存在",
    "timeout_s": "タイムアウト（秒）", "reserved_concurrency": "予約同時実行数",
    "provisioned_concurrency": "プロビジョンド同時実行数", "ephemeral_storage_mb": "一時ストレージ（MB）",
    "table_class": "テーブルクラス", "decreases_today": "本日の引き下げ回数", "autoscaling": "Auto Scaling",
    "stage_rps": "ステージのスロットリング（リクエスト/秒）", "integration_timeout_ms": "統合タイムアウト（ms）",
    "queue": "キューの種類", "retention_s": "保持期間（秒）",
}

# the help under each editable field (webapp/views/fields.py): "field_help.<field>", or
# "field_help.<field>.<type>" where one component type explains the field its own way
_FIELD_HELP: dict[str, dict[str, str]] = {
    "calls": {"en": "Events of this component per upstream event (count). Default 1.",
              "ja": "上流イベント 1 件あたりの回数。既定値 1。"},
    "api": {"en": "REST, HTTP or WebSocket API. HTTP APIs cost less and meter requests in 512 KB units.",
            "ja": "REST / HTTP / WebSocket。HTTP API は安価で、512 KB 単位で課金。"},
    "payload_kb": {"en": "Average request size in KB. Default 1.",
                   "ja": "平均リクエストサイズ（KB）。既定値 1。"},
    "response_kb": {"en": "Average response size in KB, billed as data transfer out. Default 0.",
                    "ja": "平均レスポンスサイズ（KB）。データ転送料として課金。既定値 0。"},
    "memory_mb": {"en": "Configured memory in MB (128–10,240). AWS default 128.",
                  "ja": "メモリ（MB、128〜10,240）。AWS の既定値 128。"},
    "architecture": {"en": "x86_64 or arm64 (Graviton, about 20% cheaper per GB-s). AWS default x86_64.",
                     "ja": "x86_64 または arm64（Graviton、GB 秒あたり約 20% 安価）。既定値 x86_64。"},
    "duration_ms": {"en": "Median time per invocation in ms; p95/p99 scale with it. Billed per 1 ms.",
                    "ja": "1 回あたりの実行時間の中央値（ms）。p95/p99 も比例して変わります。1 ms 単位で課金。"},
    "reads": {"en": "Item reads per upstream call. Default 1.",
              "ja": "呼び出しあたりの項目読み込み数。既定値 1。"},
    "writes": {"en": "Item writes per upstream call. Default 0.",
               "ja": "呼び出しあたりの項目書き込み数。既定値 0。"},
    "item_kb": {"en": "Item size in KB (reads use 4 KB units, writes 1 KB units). Default 1.",
                "ja": "項目サイズ（KB）。読み込みは 4 KB、書き込みは 1 KB 単位。既定値 1。"},
    "billing": {"en": "On-demand (per request) or provisioned (per capacity-hour, used or not). Default on_demand.",
                "ja": "オンデマンド（リクエスト課金）かプロビジョンド（使用有無に関係なく時間課金）。既定値 "
                      "オンデマンド。"},
    "rcu": {"en": "Provisioned read capacity units (provisioned mode).",
            "ja": "プロビジョンド読み込みキャパシティ（RCU）。"},
    "wcu": {"en": "Provisioned write capacity units (provisioned mode).",
            "ja": "プロビジョンド書き込みキャパシティ（WCU）。"},
    "storage_gb": {"en": "Table size in GB. Default 0.",
                   "ja": "テーブルサイズ（GB）。既定値 0。"},
    "puts": {"en": "PUT-class requests per upstream call. Default 1.",
             "ja": "呼び出しあたりの PUT 系リクエスト数。既定値 1。"},
    "gets": {"en": "GET-class requests per upstream call. Default 0.",
             "ja": "呼び出しあたりの GET 系リクエスト数。既定値 0。"},
    "storage_gb.s3": {"en": "Average stored GB over the month. Default 0.",
                      "ja": "月平均の保存量（GB）。既定値 0。"},
    "transfer_out_gb": {"en": "GB per month to the internet. Default 0.",
                        "ja": "インターネットへの月間転送量（GB）。既定値 0。"},
    "message_kb": {"en": "Message size in KB (64 KB chunks). Default 1.",
                   "ja": "メッセージサイズ（KB、64 KB 単位）。既定値 1。"},
    "mau": {"en": "Monthly active users (count).",
            "ja": "月間アクティブユーザー数。"},
    "plan": {"en": "Lite, Essentials (AWS default for new pools) or Plus.",
             "ja": "Lite / Essentials（新規プールの既定）/ Plus。"},
    "response_kb.cloudfront": {"en": "Average response size in KB (data out). Default 0.",
                               "ja": "平均レスポンスサイズ（KB）。既定値 0。"},
    "cache_hit_ratio": {"en": "Share of requests served from the cache (0–1); the rest go to the origin. Default 0.8.",
                        "ja": "キャッシュから返すリクエストの割合（0〜1）。残りはオリジンへ。既定値 0.8。"},
    "hosted_zones": {"en": "Hosted zones (count). Default 1.",
                     "ja": "ホストゾーン数。既定値 1。"},
    "queries_per_month": {"en": "DNS queries per month (count). Default 0.",
                          "ja": "月間 DNS クエリ数。既定値 0。"},
    "per_month": {"en": "Per month (count), instead of the flow.",
                  "ja": "月間の件数（フローの代わり）。"},
    # ---- kms
    "managed_by": {"en": "customer (a key you create, $1 a month) or aws (AWS managed key, no monthly fee; requests "
                         "billed). Default customer.",
                   "ja": "カスタマーマネージドキー（作成するキー、月 1 USD）か AWS マネージドキー"
                         "（月額なし・リクエストは課金）。既定値はカスタマーマネージドキー。"},
    "requests_per_month.kms": {"en": "The application's own KMS calls per month (Encrypt, Decrypt ...), besides "
                                     "the SSE-KMS use. Default 0.",
                               "ja": "SSE-KMS 以外にアプリケーションが直接呼ぶ月間の KMS リクエスト数。既定値 0。"},
    "kms_key": {"en": "The kms component whose key encrypts this (SSE-KMS). Empty: AWS's own encryption, no KMS "
                      "requests.",
                "ja": "暗号化に使う KMS コンポーネント（SSE-KMS）。空欄は AWS 側の暗号化で KMS リクエストなし。"},
    "bucket_key": {"en": "S3 Bucket Key: up to 99% fewer KMS requests (at least 1% remain). Default off.",
                   "ja": "S3 バケットキー。KMS リクエストを最大 99% 削減（1% 以上は残る）。既定値はオフ。"},
    "kms_data_key_reuse_s": {"en": "Seconds SQS reuses a data key (60–86,400). AWS default 300.",
                             "ja": "SQS がデータキーを再利用する秒数（60〜86,400）。AWS の既定値 300。"},
    "kms_callers": {"en": "Connections using the table in five minutes (each execution environment its own). "
                          "Default 1.",
                    "ja": "5 分間にテーブルを使う接続数（実行環境ごとに 1 つ）。既定値 1。"},
    "keys": {"en": "Customer managed keys (count), $1 a key-month each. Default 1.",
             "ja": "カスタマーマネージドキー数（1 キー月 1 USD）。既定値 1。"},
    "rules": {"en": "Rules and rule groups in the web ACL (each billed as a rule). Default 1.",
              "ja": "ウェブ ACL のルールとルールグループの数（それぞれ 1 ルールとして課金）。既定値 1。"},
    "rate_limit": {"en": "Rate-based rule: requests per client IP per window (at least 10). Empty: no such rule.",
                   "ja": "レートベースのルール：ウィンドウあたりクライアント IP ごとのリクエスト数（10 以上）。空欄は"
                         "ルールなし。"},
    "clients": {"en": "Client IP addresses sharing the peak traffic (users behind one NAT count once).",
                "ja": "ピーク時のトラフィックを分け合うクライアント IP 数（1 つの NAT の背後のユーザーは 1 つ）。"},
    # ---- end kms
    # ---- sfn
    "workflow": {"en": "Standard (billed per state transition, up to a year) or Express (billed per request and "
                       "GB-second, up to 5 minutes). Default standard.",
                 "ja": "Standard（状態遷移ごとに課金、最長 1 年）または Express（リクエストと GB 秒で課金、"
                       "最長 5 分）。既定値 Standard。"},
    "transitions_per_execution": {"en": "States executed per execution, retries included (Standard bills each). "
                                        "Default 5.",
                                  "ja": "1 回の実行で実行されるステート数（再試行を含む。Standard は 1 回ごとに課金）。"
                                        "既定値 5。"},
    "duration_ms.step_functions": {"en": "Average time per execution in ms (Express bills it in 100 ms steps). "
                                         "Default 1,000.",
                                   "ja": "1 回の実行の平均時間（ms。Express は 100 ms 単位で課金）。既定値 1,000。"},
    "memory_mb.step_functions": {"en": "Memory an Express execution uses in MB (about 50 + definition + payload); "
                                       "billed in 64 MB chunks. Default 64.",
                                 "ja": "Express の実行が使うメモリ（MB、約 50 + 定義サイズ + ペイロード）。64 MB 単位で"
                                       "課金。既定値 64。"},
    "kind": {"en": "An event bus, a pipe or EventBridge Scheduler schedules. Default bus.",
             "ja": "イベントバス、パイプ、EventBridge Scheduler のスケジュールのいずれか。既定値 イベントバス。"},
    "event_kb": {"en": "Event size in KB (each 64 KB chunk is billed as one event). Default 1.",
                 "ja": "イベントサイズ（KB。64 KB ごとに 1 イベントとして課金）。既定値 1。"},
    "event_source": {"en": "Custom events (PutEvents, billed) or AWS service events (ingested free). Default custom.",
               "ja": "カスタムイベント（PutEvents、課金あり）または AWS サービスのイベント（取り込みは無料）。"
                     "既定値 カスタムイベント。"},
    "entries_per_put": {"en": "Events per PutEvents request (1–10): fewer requests against the Region's quota. "
                              "Default 1.",
                        "ja": "PutEvents 1 回あたりのイベント数（1〜10）。リージョンのクォータに対するリクエストが減り"
                              "ます。既定値 1。"},
    "cross_account_targets": {"en": "Deliveries of each event to other accounts' buses (billed per event). Default 0.",
                              "ja": "各イベントを他アカウントのバスへ配信する数（イベントごとに課金）。既定値 0。"},
    "filter_pass_ratio": {"en": "Share of the source's events the pipe's filter lets through (0–1; only those are "
                                "billed). Default 1.",
                          "ja": "パイプのフィルターを通過するイベントの割合（0〜1。課金されるのは通過分のみ）。"
                                "既定値 1。"},
    # ---- end sfn
    # ---- s3x
    "storage_class": {"en": "The class objects are written to (the first class of the lifecycle). Default standard.",
                      "ja": "オブジェクトを書き込むクラス（ライフサイクルの最初のクラス）。既定値は S3 標準。"},
    "new_gb_per_month": {"en": "GB arriving per month that the lifecycle ages through its classes (steady state: "
                               "GB × days in a class / 30.42). Default 0.",
                         "ja": "毎月届き、ライフサイクルでクラスを移っていくデータ（GB）。定常状態ではクラスの保存量 = "
                               "GB × そのクラスの日数 / 30.42。既定値 0。"},
    "expiration_days": {"en": "Age in days at which objects are deleted (needed with new data, or history_days).",
                        "ja": "オブジェクトを削除する経過日数（新規データには必須。または history_days）。"},
    "secrets": {"en": "Secrets stored (replicas count as secrets). Default 1.",
                "ja": "保存するシークレット数（レプリカも 1 件と数える）。既定値 1。"},
    "cache_ttl_s": {"en": "Seconds a function caches the secret (reads on cold starts and refreshes only). Empty: "
                          "every invocation reads.",
                    "ja": "関数がシークレットをキャッシュする秒数（コールドスタートと更新時のみ読み取"
                          "り）。空欄：呼び出しごとに読み取り。"},
    "api_calls_per_month": {"en": "GetSecretValue calls per month (count), instead of the flow.",
                            "ja": "月間の GetSecretValue コール数（フローの代わり）。"},
    "standard_alarm_metrics": {"en": "Alarm metrics at standard resolution (an anomaly detection alarm is 3). "
                                     "Default 0.",
                               "ja": "標準解像度のアラームメトリクス数（異常検出アラームは 3）。既定値 0。"},
    "high_resolution_alarm_metrics": {"en": "Alarm metrics with a period under 60 s. Default 0.",
                                      "ja": "期間が 60 秒未満のアラームメトリクス数。既定値 0。"},
    "custom_metrics": {"en": "Custom metrics (each name and dimension set) all month. Default 0.",
                       "ja": "1 か月間のカスタムメトリクス数（名前とディメンションの組ごと）。既定値 0。"},
    "log_ingested_gb_per_month": {"en": "GB per month ingested into the log group (kept log_retention_days). "
                                        "Default 0.",
                                  "ja": "ロググループへの月間取り込み量（GB、ログの保持期間だけ保存）。既定値 0。"},
    "put_requests_per_month": {"en": "PutMetricData requests per month (count), instead of the flow.",
                               "ja": "月間の PutMetricData リクエスト数（フローの代わり）。"},
    # ---- end s3x
}

# ---- kinesis
_FIELD_HELP.update({
    "mode": {"en": "On-demand (per stream-hour and GB) or provisioned (per shard-hour and PUT payload unit). "
                   "Default on_demand.",
             "ja": "オンデマンド（ストリーム時間と GB で課金）かプロビジョンド（シャード時間と PUT ペイロードユニッ"
                   "トで課金）。既定値 オンデマンド。"},
    "shards": {"en": "Provisioned shards: 1,000 records/s or 1 MB/s written, 2 MB/s read each.",
               "ja": "プロビジョンドのシャード数。1 シャードあたり書き込み 1,000 レコード/秒または 1 MB/秒、読み取り "
                     "2 MB/秒。"},
    "record_kb": {"en": "Average record size in KB. Default 1.",
                  "ja": "平均レコードサイズ（KB）。既定値 1。"},
    "retention_hours": {"en": "Hours records are kept (24–8,760); beyond 24 hours is billed. Default 24.",
                        "ja": "レコードの保持時間（24〜8,760）。24 時間を超える分は課金。既定値 24。"},
    "efo_consumers": {"en": "Enhanced fan-out consumers (own 2 MB/s per shard, billed per GB). Default 0.",
                      "ja": "拡張ファンアウトのコンシューマー数（シャードあたり専用の 2 MB/秒、GB 単位で課金）。既定値 "
                            "0。"},
    "buffer_mb": {"en": "Buffer size before delivery to S3 (1–128 MB). AWS default 5.",
                  "ja": "S3 へ配信する前のバッファサイズ（1〜128 MB）。AWS の既定値 5。"},
    "buffer_s": {"en": "Buffer interval before delivery (0–900 s). AWS default 300.",
                 "ja": "配信までのバッファ間隔（0〜900 秒）。AWS の既定値 300。"},
    "partitions": {"en": "Active dynamic partitions per buffer (each writes its own object). Default 1.",
                   "ja": "バッファごとのアクティブな動的パーティション数（それぞれ別のオブジェクトを書き込み）。既定値 "
                         "1。"},
    "records_per_request": {"en": "Records per PutRecordBatch request (1 = PutRecord, up to 500). Default 1.",
                            "ja": "PutRecordBatch 1 回あたりのレコード数（1 は PutRecord、最大 500）。既定値 1。"},
})
# ---- end kinesis


_DESIGN_PAGE: dict[str, dict[str, str]] = {  # what matters first next to the total (webapp/views/results.py)
    "source_design": {"en": "design file", "ja": "設計ファイル"},
    "source_limits": {"en": "design file (limits block)", "ja": "設計ファイル（limits ブロック）"},
    "readiness": {"en": "Limits", "ja": "上限チェック"},
    "readiness_help": {"en": "The readiness checks of this design's month of traffic against AWS's limits (the Limits "
                             "page lists every check).",
                       "ja": "この設計の 1 か月分のトラフィックを AWS の上限と比べた結果（すべてのチェックは上限チェッ"
                             "クのページに）。"},
    "counts": {"en": "{fail} failing, {warn} to watch, of {n} checks", "ja": "{n} 件のチェックのうち不合格 {fail} 件、"
                                                                             "注意 {warn} 件"},
    "worst": {"en": "**{name}** ({component}): {consequence}", "ja": "**{name}**（{component}）：{consequence}"},
    "open_limits": {"en": "Open the Limits page", "ja": "上限チェックのページを開く"},
    "scope_account": {"en": "(account)", "ja": "（アカウント全体）"},
    "scope_design": {"en": "(design)", "ja": "（設計全体）"},
    "not_applied": {"en": "Not applied — the estimate below is for the previous design.",
                    "ja": "適用していません。下の見積もりは変更前の設計のものです。"},
    "modified": {"en": "{name} (modified)", "ja": "{name}（変更あり）"},
    "from_saved": {"en": "Saved design: {name}", "ja": "保存した設計：{name}"},
    "from_saved_modified": {"en": "Saved design: {name} (modified since it was opened)",
                            "ja": "保存した設計：{name}（開いてから変更あり）"},
    "why_quantities": {"en": "Why the quantities differ from the input", "ja": "数量が入力値と異なる理由"},
    "details": {"en": "Details of each line: unit price, date, confidence, source and formula",
                "ja": "各明細の詳細：単価、基準日、確度、出典、計算式"},
    "source_link": {"en": "source", "ja": "出典"},
    "prices_counts": {"en": "Price tiers by confidence: {counts}", "ja": "確度別の価格段階の数：{counts}"},
    "diagram_alone": {"en": "priced on their own figures", "ja": "独自の数値で計算"},
    "check_details": {"en": "Every check in detail: peak, limit, headroom and where the limit comes from",
                      "ja": "各チェックの詳細：ピーク、上限、余裕、上限の出典"},
    "compare_details": {"en": "Per MAU, the cases and the other figures", "ja": "MAU あたり、ケース別などその他の数値"},
}

_DYNAMODB_MONEY: dict[str, dict[str, str]] = {  # the DynamoDB planner in the quote's currency (not USD)
    "month": {"en": "{cur} / month", "ja": "{cur}／月"},
    "year": {"en": "{cur} / 12 months", "ja": "{cur}／12 か月"},
    "reason": {"en": "{best} is the cheapest plan that keeps throttling within {allowed}: {amount} a month{saving}. "
                     "Provisioned pays off above {even} average utilization.",
               "ja": "{best} はスロットリングを {allowed} 以内に抑える最も安いプランです：月額 {amount}{saving}。"
                     "プロビジョニングは平均使用率 {even} を超えると得になります。"},
    "saving": {"en": ", {saving} below on-demand", "ja": "、オンデマンドより {saving} 安い"},
    "compare": {"en": "Weekly recurring schedule: {weekly} a month; the one-time lower bound: {bound} "
                      "({gap} above it). The bound is a one-time schedule for this month only ({changes} changes, "
                      "against 200 scheduled actions per scalable target), so it is never recommended.",
                "ja": "週単位の繰り返しスケジュール：月額 {weekly}。一回限りのスケジュール（下限）：月額 {bound}"
                      "（下限より {gap} 高い）。下限はこの 1 か月だけの一回限りのスケジュール（変更 {changes} 回、"
                      "スケーラブルターゲットごとの上限は 200 個）のため、推奨しません。"},
}

#: readiness checks by id, in words (models/checks/*.py name them `lambda.account_concurrency`, ...)
_CHECK_NAMES: dict[str, dict[str, str]] = {
    "lambda.account_concurrency": {"en": "Account Lambda concurrency", "ja": "アカウントの Lambda 同時実行数"},
    "lambda.concurrency": {"en": "Function concurrency", "ja": "関数の同時実行数"},
    "lambda.reservations": {"en": "Reserved concurrency left for other functions", "ja": "他の関数に残る同時実行数（予"
                                                                                         "約後）"},
    "lambda.scaling_rate": {"en": "Lambda scaling rate", "ja": "Lambda のスケール速度"},
    "lambda.timeout": {"en": "Function timeout", "ja": "関数のタイムアウト"},
    "lambda.async_events": {"en": "Asynchronous events kept by Lambda", "ja": "Lambda が保持する非同期イベント"},
    "lambda.cold_starts": {"en": "Cold starts", "ja": "コールドスタート"},
    "lambda.invoke_rate": {"en": "Lambda invoke rate", "ja": "Lambda の呼び出しレート"},
    "lambda.no_api_layer": {"en": "Function called without an API in front", "ja": "API を介さない関数の呼び出し"},
    "lambda.sync_payload": {"en": "Synchronous payload size", "ja": "同期呼び出しのペイロードサイズ"},
    "apigateway.account_throttle": {"en": "Account API Gateway throttle", "ja": "アカウントの API Gateway スロットリン"
                                                                                "グ"},
    "apigateway.stage_throttle": {"en": "API stage throttle", "ja": "API ステージのスロットリング"},
    "apigateway.integration_timeout": {"en": "API Gateway integration timeout", "ja": "API Gateway の統合タイムアウト"},
    "timeout_chain": {"en": "Order of the timeouts (client > API > function)", "ja": "タイムアウトの順序（クライアント"
                                                                                     " > API > 関数）"},
    "dynamodb.read_capacity": {"en": "Provisioned read capacity", "ja": "プロビジョニングした読み込みキャパシティ"},
    "dynamodb.write_capacity": {"en": "Provisioned write capacity", "ja": "プロビジョニングした書き込みキャパシティ"},
    "dynamodb.on_demand_read_spike": {"en": "On-demand read spike", "ja": "オンデマンドの読み込みの急増"},
    "dynamodb.on_demand_write_spike": {"en": "On-demand write spike", "ja": "オンデマンドの書き込みの急増"},
    "dynamodb.table_read_quota": {"en": "Table read quota", "ja": "テーブルの読み込みクォータ"},
    "dynamodb.table_write_quota": {"en": "Table write quota", "ja": "テーブルの書き込みクォータ"},
    "dynamodb.account_read_quota": {"en": "Account read quota", "ja": "アカウントの読み込みクォータ"},
    "dynamodb.account_write_quota": {"en": "Account write quota", "ja": "アカウントの書き込みクォータ"},
    "dynamodb.hot_partition_read": {"en": "Hot partition (reads)", "ja": "ホットパーティション（読み込み）"},
    "dynamodb.hot_partition_write": {"en": "Hot partition (writes)", "ja": "ホットパーティション（書き込み）"},
    "s3.get_rate": {"en": "S3 GET rate per prefix", "ja": "S3 のプレフィックスあたり GET レート"},
    "s3.put_rate": {"en": "S3 PUT rate per prefix", "ja": "S3 のプレフィックスあたり PUT レート"},
    "sqs.backlog": {"en": "Queue backlog against retention", "ja": "キューの滞留と保持期間"},
    "resilience.failed_events": {"en": "Failed events kept (DLQ or destination)", "ja": "失敗イベントの保存（DLQ また"
                                                                                        "は送信先）"},
    "resilience.idempotency": {"en": "Idempotency of retried events", "ja": "再試行されるイベントの冪等性"},
    "availability.composite": {"en": "Composite availability (SLA)", "ja": "複合可用性（SLA）"},
    "traffic.not_given": {"en": "Traffic not given", "ja": "トラフィックの指定なし"},
    # ---- kinesis
    "kinesis.write": {"en": "Kinesis write throughput", "ja": "Kinesis の書き込みスループット"},
    "kinesis.read": {"en": "Kinesis read throughput (standard consumers)",
                     "ja": "Kinesis の読み取りスループット（標準コンシューマー）"},
    "kinesis.account_shards": {"en": "Kinesis shard quota", "ja": "Kinesis のシャードクォータ"},
    "kinesis.on_demand_streams": {"en": "Kinesis on-demand streams", "ja": "Kinesis のオンデマンドストリーム数"},
    "firehose.direct_put": {"en": "Firehose Direct PUT quota", "ja": "Firehose の Direct PUT クォータ"},
    # ---- end kinesis
    # ---- kms
    "kms.request_quota": {"en": "KMS request quota (shared by the account)", "ja": "KMS のリクエストクォータ（アカウ"
                                                                                   "ントで共有）"},
    "waf.rate_rule": {"en": "WAF rate-based rule against the design's clients", "ja": "WAF のレートベースのルールと設"
                                                                                      "計自身のクライアント"},
    # ---- end kms
    # ---- sfn
    "stepfunctions.start_execution.standard": {"en": "Step Functions StartExecution (Standard)",
                                               "ja": "Step Functions の StartExecution（Standard）"},
    "stepfunctions.start_execution.express": {"en": "Step Functions StartExecution (Express)",
                                              "ja": "Step Functions の StartExecution（Express）"},
    "stepfunctions.state_transition": {"en": "Step Functions state transitions", "ja": "Step Functions の状態遷移"},
    "stepfunctions.history": {"en": "Execution history size", "ja": "実行履歴のサイズ"},
    "eventbridge.put_events": {"en": "EventBridge PutEvents rate", "ja": "EventBridge の PutEvents レート"},
    # ---- end sfn
    # ---- s3x
    "secrets_manager.get_secret_value_rate": {"en": "Secrets Manager GetSecretValue rate",
                                              "ja": "Secrets Manager の GetSecretValue レート"},
    # ---- end s3x
}


def check_name(check_id: str, lang: str) -> str:
    """A readiness check in words ("Account Lambda concurrency"); its id when it has no name yet."""
    entry = _CHECK_NAMES.get(check_id)
    return entry.get(lang) or entry["en"] if entry else check_id

#: words inside the charts (webapp/charts.py): "page.chart.*"
_CHART: dict[str, dict[str, str]] = {
    "per_month": {"en": "{cur} per month", "ja": "{cur}／月"},
    "month_hourly": {"en": "Month (hourly peak)", "ja": "1 か月（1 時間ごとのピーク）"},
    "peak_day": {"en": "Peak day (per minute)", "ja": "ピークの日（1 分ごと）"},
    "day_n": {"en": "{label}: day {n}", "ja": "{label}：{n} 日目"},
    "limit": {"en": "limit", "ja": "上限"},
    "day": {"en": "day", "ja": "日"},
    "hour_local": {"en": "hour (local)", "ja": "時（現地時刻）"},
    "consumed": {"en": "consumed", "ja": "消費量"},
    "break_even": {"en": "break-even", "ja": "損益分岐点"},
    "peak_caption": {"en": "Peak {peak} {unit} on day {day} at {time}",
                     "ja": "ピーク {peak} {unit}（{day} 日目 {time}）"},
    "limit_caption": {"en": "; limit {limit} (the peak is {share} % of it).",
                      "ja": "、上限 {limit}（ピークは上限の {share} %）。"},
    "caption_end": {"en": ".", "ja": "。"},
}

#: the DynamoDB planner's strategies by name ("page.dynamodb.strategy.<name>"; the English is the name)
#: the DynamoDB planner's strategies by id (the CLI and JSON keep the ids)
_STRATEGIES = {"on_demand": {"en": "On-demand", "ja": "オンデマンド"},
               "provisioned_fixed": {"en": "Provisioned, fixed", "ja": "固定プロビジョンド"},
               "autoscaling": {"en": "Auto Scaling", "ja": "Auto Scaling"},
               "scheduled_weekly": {"en": "Weekly schedule", "ja": "週単位のスケジュール"},
               "scheduled_one_time": {"en": "One-time schedule", "ja": "1 回限りのスケジュール"},
               "reserved": {"en": "Reserved capacity", "ja": "リザーブドキャパシティ"}}
#: a schedule's rows as the page shows them (the JSON download keeps the planner's own fields)
_SCHEDULE = {"start": {"en": "Start (UTC)", "ja": "開始（UTC）"}, "rcu": {"en": "RCU", "ja": "RCU"},
             "wcu": {"en": "WCU", "ja": "WCU"},
             "weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "ja": "月曜 火曜 水曜 木曜 金曜 土曜 日曜"}}


def _ns(prefix: str, table: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{key}": entry for key, entry in table.items()}


def _headings(japanese: dict[str, str]) -> dict[str, dict[str, str]]:
    """Column headings: the English heading is the key and the English text."""
    return {name: {"en": name, "ja": ja} for name, ja in japanese.items()}


UI: dict[str, dict[str, str]] = {
    **_ns("export", _EXPORT), **_ns("import", _IMPORT), **_ns("account", _ACCOUNT),
    **_ns("account.column", {k: {"en": _ACCOUNT_COLUMNS_EN.get(k, k), "ja": ja}
                               for k, ja in _ACCOUNT_COLUMNS.items()}), **_ns("account.value", _ACCOUNT_VALUES),
    **_ns("account.field", _headings(_ACCOUNT_FIELDS)),
    **_ns("page.dynamodb", _DYNAMODB), **_ns("page.dynamodb.column", _headings(_DYNAMODB_COLUMNS)),
    **_ns("page.limits", _LIMITS), **_ns("page.limits.column", _limits_headings(_LIMITS_COLUMNS)),
    **_ns("field_help", _FIELD_HELP),
    **_ns("page.design", _DESIGN_PAGE), **_ns("page.check", _CHECK_NAMES),
    **_ns("page.dynamodb.money", _DYNAMODB_MONEY),
    **_ns("field_help", _FIELD_HELP), **_ns("page.chart", _CHART),
    **_ns("page.dynamodb.strategy", _STRATEGIES), **_ns("page.dynamodb.schedule", _SCHEDULE),
    # ---- observe: entries of this feature go here (one block per feature keeps merges clean)
    **_ns("account.observe", {
        "title": {"en": "Observe: calibrate from CloudWatch metrics", "ja": "実測：CloudWatch メトリクスから補正"},
        "caption": {"en": "Reads the last days of Lambda, API Gateway, DynamoDB, SQS and S3 metrics (read-only: "
                          "`cloudwatch:ListMetrics` and `cloudwatch:GetMetricData`), or opens a saved observation "
                          "file (JSON). Calibrating fills the design's volumes, daily and weekly profile, "
                          "spike, durations and table reads and writes; what was not observed stays an assumption.",
                    "ja": "Lambda・API Gateway・DynamoDB・SQS・S3 の直近のメトリクスを読み取ります（読み取り専用："
                          "`cloudwatch:ListMetrics` と `cloudwatch:GetMetricData`）。"
                          "保存した実測ファイル（JSON）も開けます。補正すると、設計の月間量・日内と曜日の"
                          "変動・スパイク・処理時間・テーブルの読み書きを実測値で埋めます。実測できなかった値は仮定のまま残ります。"},
        "resolution": {"en": "Resolution", "ja": "粒度"},
        "res_hour": {"en": "1 hour", "ja": "1 時間"},
        "res_minute": {"en": "1 minute", "ja": "1 分"},
        "days": {"en": "Days", "ja": "日数"},
        "read": {"en": "Read metrics", "ja": "メトリクスを読み取る"},
        "upload": {"en": "Or open an observation file (JSON)", "ja": "または観測ファイル（JSON）を開く"},
        "too_large": {"en": "The file is too large for an observation (at most 50 MB).",
                      "ja": "観測ファイルとしては大きすぎます（50 MB まで）。"},
        "not_json": {"en": "The file is not JSON.", "ja": "このファイルは JSON ではありません。"},
        "window": {"en": "Observed from {start}, {hours} hours, in {region}.",
                   "ja": "{region} で {start} から {hours} 時間分を実測しました。"},
        "nothing": {"en": "No metrics were found.", "ja": "メトリクスが見つかりませんでした。"},
        "calibrate": {"en": "Calibrate the current design", "ja": "現在の設計を補正する"},
        "calibrated": {"en": "The design is calibrated. Observed values and remaining assumptions:",
                       "ja": "設計を補正しました。実測した値と、残った仮定："},
        "not_calibrated": {"en": "The design could not be calibrated:", "ja": "設計を補正できませんでした："},
    }),
    **_ns("account.column", {k: {"en": _ACCOUNT_COLUMNS_EN[k], "ja": ja} for k, ja in {
        "metric": "メトリクス", "per_month": "月あたり", "peak_per_s": "ピーク（毎秒）",
        "errors_per_month": "エラー（月あたり）", "throttles_per_month": "スロットリング（月あたり）",
        "p99_ms": "p99（ms）"}.items()}),
    # ---- end observe
    # ---- scale: entries of this feature go here (one block per feature keeps merges clean)
    **_ns("page.limits.scale", {  # the Limits page's "what breaks at N×" section (webapp/pages/limits.py)
        "title": {"en": "What breaks at N×", "ja": "トラフィックが N 倍になると何が限界に達するか"},
        "factor": {"en": "Traffic multiplier (× today's traffic)", "ja": "トラフィックの倍率（現在の何倍か）"},
        "factor_help": {"en": "Every volume of the design (requests, invocations, reads, writes, messages, users) "
                              "times this; capacity, settings, the traffic's shape and the limits stay as they are.",
                        "ja": "設計のすべての量（リクエスト、呼び出し、読み書き、メッセージ、ユーザー数）をこの倍率で"
                              "掛けます。キャパシティ、設定、トラフィックの形、上限はそのままです。"},
        "caption": {"en": "Each limit's first failing multiplier is searched on the same engine as the checks above: "
                          "doubling to a bracket, then bisection to within {tolerance} ({runs} runs, from ×{low} to "
                          "×{high}).",
                    "ja": "各上限が初めて不合格になる倍率を、上のチェックと同じ計算で探します。倍々で範囲を絞"
                          "り、二分法で {tolerance} 以内まで求めます（{runs} 回の計算、×{low} から ×{high} まで）。"},
        "status_at": {"en": "Status at ×{factor}", "ja": "×{factor} での判定"},
        "first_wall": {"en": "First wall", "ja": "最初の壁"},
        "traffic_wall": {"en": "First wall as traffic grows", "ja": "トラフィック増加で最初の壁"},
        "no_wall": {"en": "none up to ×{high}", "ja": "×{high} までなし"},
        "above": {"en": "> ×{high}", "ja": "×{high} 超"},
        "below": {"en": "≤ ×{low} (fails at any traffic)", "ja": "×{low} 以下（どのトラフィックでも不合格）"},
        "not_monotone": {"en": " (passes again above: read with care)", "ja": "（それより上で再び合格：要注意）"},
    }),
    **_ns("page.limits.scale.column", _limits_headings({
        "check": "チェック", "component": "コンポーネント", "now": "現在", "at ×N": "×N の時",
        "first fails at": "初めて不合格になる倍率", "headroom %": "余裕 %"})),
    # ---- end scale
    # ---- region: entries of this feature go here (one block per feature keeps merges clean)
    **_ns("page.region", {  # the Region pickers (webapp/views/regions.py)
        # the oldest and newest as-of date of the catalog's prices, as the estimate's "Prices as of" line says
        "as_of": {"en": "prices as of {date}", "ja": "価格の基準日 {date}"},
        "catalog_of": {"en": "catalog of {date}", "ja": "カタログ {date}"},  # a catalog without prices: its build
        "refreshed": {"en": "refreshed from the AWS Price List", "ja": "AWS Price List から更新"},
        "no_catalog": {"en": "no price catalog yet (build it on the Prices page)",
                       "ja": "価格表なし（価格表ページで作成できます）"},
        "no_catalog_here": {"en": "no price catalog yet: refresh below", "ja": "価格表なし：下の更新ボタンで作成"},
        # a design in such a Region, as the web UI says it (the CLI's message names its command instead)
        "no_catalog_design": {"en": "region: {region} has no price catalog yet. Build it on the Prices page (its "
                                    "refresh button reads AWS's public price files; no credentials needed), or "
                                    "choose a Region that has one: {regions}.",
                              "ja": "region：{region} にはまだ価格表がありません。価格表ページの更新ボタンで AWS の"
                                    "公開価格ファイルから作成するか（認証情報は不要）、価格表のあるリージョンを選んで"
                                    "ください：{regions}。"},
    }),
    **_ns("account", {  # the Account page's prices panel for a Region with no bundled catalog
        "prices_none": {"en": "{region} has no price catalog: build it on the Prices page from AWS's public price "
                              "files (no credentials), or press the button above to build it with the server's "
                              "credentials (the server must be started with {pull_env}=1 to allow it).",
                        "ja": "{region} には価格表がありません。価格表ページで AWS の公開価格ファイルから作成するか"
                              "（認証情報は不要）、上のボタンでサーバーの認証情報を使って作成します（サーバーを "
                              "{pull_env}=1 で起動している必要があります）。"},
        "prices_built": {"en": "Catalog for {region} built from the AWS Price List: {refreshed_at} ({path}); {missing} "
                               "price(s) have no Price List product and are left without a price.",
                         "ja": "{region} の価格表は AWS Price List から作成しました：{refreshed_at}（{path}）。"
                               "Price List に商品がない {missing} 件は価格なしのままです。"},
    }),
    # ---- end region
    # ---- services: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end services
    # ---- modules: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end modules
    # ---- sls: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end sls
    # ---- quotas: the account read behind a limit (i18n/account_reads.py) and the new limits' names
    **_ns("account.read", {
        "applied": {"en": "Service Quotas {code} (applied)", "ja": "Service Quotas {code}（適用値）"},
        "default": {"en": "Service Quotas {code} (AWS default)", "ja": "Service Quotas {code}（AWS の既定値）"},
    }),
    **_ns("page.limits", {"from_account_read": {"en": " (from your account: {read})",
                                                "ja": "（お使いのアカウントから：{read}）"}}),
    **_ns("account.field", _headings({
        "kms_symmetric_rps": "KMS の暗号化リクエスト上限（毎秒、共有）",
        "sfn_start_execution_rps": "StartExecution の補充レート（毎秒、Standard）",
        "sfn_start_execution_burst": "StartExecution のバケットサイズ（Standard）",
        "sfn_express_start_execution_rps": "StartExecution の補充レート（毎秒、Express）",
        "sfn_express_start_execution_burst": "StartExecution のバケットサイズ（Express）",
        "sfn_state_transition_rps": "状態遷移の補充レート（毎秒）",
        "sfn_state_transition_burst": "状態遷移のバケットサイズ",
        "eventbridge_put_events_rps": "PutEvents の上限（リクエスト/秒）",
        "kinesis_account_shards": "Kinesis のシャードクォータ（アカウント）",
        "kinesis_on_demand_streams": "Kinesis のオンデマンドストリーム数の上限",
    })),
    # ---- end quotas
    # ---- ux: entries of this feature go here (one block per feature keeps merges clean)
    **_ns("page.design", {  # labels everywhere, the phone's card lists (webapp/views/cards.py)
        "col_id": {"en": "ID", "ja": "ID"},
    }),
    **_ns("page.cards", {
        "more": {"en": "Details", "ja": "詳細"},
        "per_month": {"en": "a month", "ja": "／月"},
    }),
    # ---- end ux
    # ---- cards: the phone's card lists of the Prices page (webapp/pages/prices.py, ux.md F4)
    **_ns("page.prices", {
        "services": {"en": "Services", "ja": "サービス"},
        "services_all": {"en": "All services", "ja": "すべてのサービス"},
        "cards_more": {"en": "The first {shown} of {total} price tiers are shown here; {left} more are not. Pick "
                             "services above (or only assumed prices) to narrow the list.",
                       "ja": "{total} 件の価格段階のうち最初の {shown} 件を表示しています（残り {left} 件は表示して"
                             "いません）。上でサービスを選ぶ（または推定値の価格だけを表示する）と一覧を絞り込めます。"},
    }),
    # ---- end cards
    # ---- prices source: refresh from the public price files and the session's choice (webapp/views/price_source.py)
    **_ns("page.prices.source", {
        "title": {"en": "Prices used for estimates", "ja": "見積もりに使う価格"},
        "refresh": {"en": "Refresh {region} prices from the AWS Price List",
                   "ja": "{region} の価格を AWS Price List から更新"},
        "refresh_help": {"en": "Downloads AWS's public price files for this Region (no AWS account or credentials "
                               "needed; tens of MB, up to a minute) and writes a refreshed catalog beside the bundled "
                               "one. This session then prices from it; you can switch back below.",
                         "ja": "このリージョンの AWS 公開価格ファイルをダウンロードし（AWS アカウントや認証情報は不要。"
                               "数十 MB、最大 1 分ほど）、同梱のカタログとは別に更新後のカタログを保存します。以後この"
                               "セッションはそのカタログで見積もります。下で元に戻せます。"},
        "refreshing": {"en": "Reading AWS's public price files for {region}…",
                       "ja": "{region} の AWS 公開価格ファイルを読み込んでいます…"},
        "done": {"en": "{region}: {refreshed} prices refreshed from the AWS Price List, {kept} kept from the bundled "
                       "catalog; {changed} differ from the bundled catalog.",
                 "ja": "{region}：{refreshed} 件の価格を AWS Price List から更新し、{kept} 件は同梱のカタログの値を"
                       "使います。同梱のカタログと異なる価格は {changed} 件です。"},
        "built": {"en": "{region}: catalog built from the AWS Price List: {refreshed} prices, {missing} without a "
                        "price (an estimate that needs one says so; it is never taken as zero).",
                  "ja": "{region}：AWS Price List からカタログを作成しました。価格 {refreshed} 件、価格なし "
                        "{missing} 件（価格なしの項目が必要な見積もりはその旨を表示します。0 とはみなしません）。"},
        "now_refreshed": {"en": "Estimates in this session now use the refreshed prices.",
                          "ja": "このセッションの見積もりは更新後の価格を使います。"},
        "failed": {"en": "Prices not refreshed; nothing changed:",
                  "ja": "価格を更新できませんでした（何も変更していません）："},
        "not_refreshed": {"en": "Not refreshed (the bundled price stays):",
                          "ja": "更新できなかったもの（同梱の価格のまま）："},
        "changes": {"en": "Prices that differ from the bundled catalog ({n})",
                   "ja": "同梱のカタログと異なる価格（{n} 件）"},
        "choice": {"en": "Catalog for estimates in this session", "ja": "このセッションの見積もりに使うカタログ"},
        "choice_help": {"en": "Bundled: the catalog shipped with the app, each price with its source. Refreshed: "
                              "the catalog last refreshed from the AWS Price List, where a Region has one. Only this "
                              "browser session changes; exports state each price's date and source.",
                        "ja": "同梱：アプリに含まれるカタログ（各価格に出典つき）。更新後：AWS Price List から最後に"
                              "更新したカタログ（そのリージョンにある場合）。変わるのはこのブラウザーのセッションだけで"
                              "す。出力には各価格の基準日と出典が記載されます。"},
        "choice_bundled": {"en": "Bundled", "ja": "同梱"},
        "choice_refreshed": {"en": "Refreshed (where a Region has one)", "ja": "更新後（リージョンにある場合）"},
        "uses_bundled_only": {"en": "{region} estimates use the bundled catalog (compiled {date}); no refreshed "
                                    "catalog for {region} yet.",
                              "ja": "{region} の見積もりは同梱のカタログ（{date} 作成）を使います。{region} の更新後の"
                                    "カタログはまだありません。"},
        "uses_bundled": {"en": "{region} estimates use the bundled catalog (compiled {date}); a catalog refreshed on "
                               "{refreshed} is available.",
                         "ja": "{region} の見積もりは同梱のカタログ（{date} 作成）を使います。{refreshed} に更新した"
                               "カタログもあります。"},
        "uses_refreshed": {"en": "{region} estimates use the catalog refreshed from the AWS Price List on {date} "
                                 "(the bundled one was compiled {bundled}).",
                           "ja": "{region} の見積もりは {date} に AWS Price List から更新したカタログを使います"
                                 "（同梱のカタログは {bundled} 作成）。"},
        "built_only": {"en": "{region} has no bundled catalog: estimates use the one built from the AWS Price List "
                             "on {date}.",
                       "ja": "{region} には同梱のカタログがないため、{date} に AWS Price List から作成したカタログを"
                             "使います。"},
        "none_yet": {"en": "{region} has no price catalog yet: the button above builds one from AWS's public price "
                           "files, and the design's estimates can then be made.",
                     "ja": "{region} にはまだ価格表がありません。上のボタンで AWS の公開価格ファイルから作成すると、"
                           "このデザインを見積もれるようになります。"},
    }),
    # ---- end prices source
}


def section(prefix: str) -> dict[str, dict[str, str]]:
    """The entries under `prefix.` (one level, the prefix dropped): a module's own table, read from here.

    >>> section("page.limits.column")["status"]
    {'en': 'Status', 'ja': '判定'}
    """
    head = prefix + "."
    return {key[len(head):]: entry for key, entry in UI.items()
            if key.startswith(head) and "." not in key[len(head):].split(" ")[0]}


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not locale-dependent


def format_date(day: date, lang: str) -> str:
    """A date in a sentence: "28 Nov 2026" (English) or "2026年11月28日" (Japanese).

    >>> format_date(date(2026, 7, 1), "en"), format_date(date(2026, 7, 1), "ja")
    ('1 Jul 2026', '2026年7月1日')
    """
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def format_count(value: float, lang: str = "en") -> str:
    """A count with thousands separators in both languages: 1234567 → "1,234,567", 0.5 → "0.5".

    >>> format_count(3_000_000), format_count(1234.5)
    ('3,000,000', '1,234.5')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.1f}"




def template_name(key: str, english: str, lang: str) -> str:
    """A bundled template's name in `lang` (`english`: the name in its file)."""
    return TEMPLATES_JA[key][0] if lang == "ja" and key in TEMPLATES_JA else english


def strategy_name(name: str, lang: str) -> str:
    """A DynamoDB planner strategy's name in `lang` (the id itself when the catalog has no word for it).

    >>> strategy_name("provisioned_fixed", "en"), strategy_name("provisioned_fixed", "ja"), strategy_name("x", "ja")
    ('Provisioned, fixed', '固定プロビジョンド', 'x')
    """
    key = f"page.dynamodb.strategy.{name}"
    return t(key, lang) if key in UI else name


def limit_source_text(source: str, lang: str) -> str:
    """Where a limit's value comes from, in `lang`: the design file, its `limits:` block, an account, or a URL.

    >>> limit_source_text("design file", "ja"), limit_source_text("design file (limits block)", "ja")
    ('設計ファイル', '設計ファイル（limits ブロック）')
    """
    words = {"design file": "page.design.source_design", "design file (limits block)": "page.design.source_limits"}
    return t(words[source], lang) if source in words else source


def component_shown(component: str, lang: str) -> str:
    """A check's component as people read it: the user's id, or "(account)" / "(design)" in `lang`."""
    scope = {"(account)": "page.design.scope_account", "(design)": "page.design.scope_design"}.get(component)
    return t(scope, lang) if scope else component


def shown(kind: str, value: object, lang: str) -> str:
    """A value as the app shows it in `lang`: "choice", "type", "region_name" or "service" (the value itself in
    English, or when the catalog has no word for it).

    >>> shown("type", "api_gateway", "ja"), shown("choice", "on_demand", "en"), shown("choice", "odd", "ja")
    ('API Gateway', 'On-demand', 'odd')
    """
    key = f"{kind}_{value}"
    return TEXT[key]["ja" if lang == "ja" else "en"] if key in TEXT else str(value)


def choice_shown(field: str, value: object, lang: str) -> str:
    """A choice of one field in `lang`: the field's own word where a value means different things in different
    fields ("aws": an AWS managed key for managed_by, AWS service events for event_source), else shown("choice").

    >>> choice_shown("managed_by", "aws", "ja"), choice_shown("event_source", "aws", "ja")
    ('AWS マネージドキー', 'AWS サービスのイベント')
    """
    key = f"choice_{field}.{value}"
    return TEXT[key]["ja" if lang == "ja" else "en"] if key in TEXT else shown("choice", value, lang)


def tf(key: str, lang: str, **values) -> str:
    """`t` with `{placeholders}` filled."""
    return t(key, lang).format(**values)


def t(key: str, lang: str, **params) -> str:
    """The text for `key` in `lang` (English when a translation is missing), with `{placeholders}`
    filled when `params` are given. One lookup for every table: TEXT, FIELD_LABELS and UI."""
    entry = TEXT.get(key) or FIELD_LABELS.get(key) or UI.get(key) or {"en": key}
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text
