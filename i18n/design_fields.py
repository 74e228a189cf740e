"""The design file's fields and values in Japanese, for the quote's inputs and defaults tables (Excel, HTML,
PDF): "components[1] (upload).memory_mb" reads 「upload：メモリ（MB）」, `true` reads 「はい」.

English exports keep the design file's own paths (what a reader finds in the file). A field without a Japanese
name here is shown as its key (a new field reads as in the file until it is named here).
"""

from __future__ import annotations

from i18n.catalog import shown

#: field key → Japanese name (every field of models/design/schema.py)
FIELD_NAMES_JA = {
    "name": "設計名", "description": "説明", "region": "リージョン", "free_tier": "無料利用枠", "limits": "上限値",
    "workload": "ワークロード", "components": "コンポーネント", "quote": "見積情報",
    "requests_per_month": "月間リクエスト数", "peak_rps": "ピーク時のリクエスト/秒", "users": "ユーザー",
    "mau": "月間アクティブユーザー数（MAU）", "dau_ratio": "日次アクティブ率",
    "sessions_per_day": "1 日あたりのセッション数", "requests_per_session": "セッションあたりのリクエスト数",
    "daily_profile": "1 日の変動パターン", "weekly_profile": "1 週間の変動パターン", "timezone": "タイムゾーン",
    "client_timeout_s": "クライアントのタイムアウト（秒）", "growth_per_month": "月次成長率",
    "burstiness": "バースト性", "spikes": "スパイク", "day": "日", "at": "時刻", "minutes": "継続時間（分）",
    "multiplier": "倍率", "id": "ID", "type": "種類", "label": "表示名", "from": "入力元",
    "calls": "上流イベントあたりの回数", "api": "API の種類", "payload_kb": "リクエストサイズ（KB）",
    "response_kb": "レスポンスサイズ（KB）", "access_log_kb": "アクセスログ（KB／リクエスト）",
    "connection_minutes_per_month": "月間接続時間（分）", "cache_gb": "キャッシュサイズ（GB）",
    "cache_hours": "キャッシュの稼働時間（時間／月）", "stage_rps": "ステージのスロットリング（リクエスト/秒）",
    "stage_burst": "ステージのバースト", "integration_timeout_ms": "統合タイムアウト（ms）",
    "memory_mb": "メモリ（MB）", "architecture": "アーキテクチャ", "duration_ms": "実行時間（ms）",
    "timeout_s": "タイムアウト（秒）", "runtime": "ランタイム", "init_ms": "INIT 時間（ms）",
    "ephemeral_storage_mb": "一時ストレージ（MB）", "reserved_concurrency": "予約同時実行数",
    "provisioned_concurrency": "プロビジョンド同時実行数",
    "provisioned_hours": "プロビジョンド同時実行の時間（時間／月）",
    "share_in_provisioned_hours": "プロビジョンド時間帯に処理される割合",
    "log_kb_per_invocation": "ログ（KB／呼び出し）", "log_class": "ログクラス",
    "log_retention_days": "ログの保持期間（日）", "tracing": "X-Ray トレース",
    "traces_retrieved_per_month": "月間のトレース取得数", "dlq": "DLQ／失敗時の送信先", "idempotent": "冪等な処理",
    "invocations_per_month": "月間呼び出し数", "reads": "リクエストあたりの読み込み回数",
    "writes": "リクエストあたりの書き込み回数", "item_kb": "項目サイズ（KB）", "read_consistency": "読み込みの整合性",
    "write_mode": "書き込みの方式", "billing": "キャパシティモード", "rcu": "RCU", "wcu": "WCU",
    "table_class": "テーブルクラス", "storage_gb": "ストレージ（GB）", "backup_gb": "バックアップ（GB）",
    "pitr": "ポイントインタイムリカバリ", "gsis": "GSI", "write_fraction": "書き込みの割合",
    "hot_key_share": "ホットキーへの集中度", "stream_read_requests_per_month": "月間のストリーム読み込みリクエスト数",
    "reads_per_month": "月間読み込み数", "writes_per_month": "月間書き込み数", "storage_class": "ストレージクラス",
    "puts": "リクエストあたりの PUT 回数", "gets": "リクエストあたりの GET 回数", "puts_per_month": "月間 PUT 数",
    "gets_per_month": "月間 GET 数", "object_count": "オブジェクト数", "retrieval_gb": "データ取り出し（GB）",
    "transfer_out_gb": "インターネットへのデータ転送（GB）", "prefixes": "プレフィックス数", "queue": "キューの種類",
    "message_kb": "メッセージサイズ（KB）", "messages_per_month": "月間メッセージ数",
    "requests_per_message": "メッセージあたりのリクエスト数", "retention_s": "保持期間（秒）",
    "publishes_per_month": "月間発行数", "deliveries": "配信", "http": "HTTP", "email": "E メール", "lambda": "Lambda",
    "sqs": "SQS", "mobile_push": "モバイルプッシュ", "emails_per_month": "月間送信数",
    "attachment_kb": "添付ファイル（KB）", "plan": "料金プラン", "cache_hit_ratio": "キャッシュヒット率",
    "protocol": "プロトコル", "viewers": "閲覧者の地域", "hosted_zones": "ホストゾーン数",
    "queries_per_month": "月間クエリ数", "routing": "ルーティング",
    "lambda_concurrency": "Lambda の同時実行数（アカウント）", "lambda_unreserved_min": "予約されずに残す同時実行数",
    "api_rps": "API のスロットリング（リクエスト/秒）", "api_burst": "API のバースト",
    "dynamodb_table_read": "DynamoDB テーブルの読み込み上限",
    "dynamodb_table_write": "DynamoDB テーブルの書き込み上限",
    "dynamodb_account_read": "DynamoDB アカウントの読み込み上限",
    "dynamodb_account_write": "DynamoDB アカウントの書き込み上限", "customer": "宛先", "prepared_by": "作成者",
    "quote_number": "見積番号", "date": "見積日", "valid_until": "有効期限", "notes": "備考", "source": "出典",
    "p50": "p50", "p95": "p95", "p99": "p99",
    # ---- wiring
    "batch_size": "バッチサイズ（レコード／呼び出し）", "batching_window_s": "バッチウィンドウ（秒）",
    # ---- end wiring
    # ---- kms
    "kms_key": "KMS キー（SSE-KMS）", "bucket_key": "S3 バケットキー", "kms_callers": "KMS を呼ぶ接続数",
    "kms_data_key_reuse_s": "データキー再利用期間（秒）", "kms_producers": "送信するプリンシパル数",
    "kms_consumers": "受信するプリンシパル数", "keys": "カスタマーマネージドキー数", "managed_by": "キーの管理者",
    "rotations": "ローテーションされたバッキングキー数", "protects": "保護するリソース", "rules": "ルール数",
    "rate_limit": "レートベースのルールの上限", "rate_window_s": "評価ウィンドウ（秒）",
    "clients": "クライアント IP 数", "kms_symmetric_rps": "KMS の暗号化リクエスト上限（毎秒）",
    # ---- end kms
    # ---- sfn
    "workflow": "ワークフローのタイプ", "executions_per_month": "月間実行数",
    "transitions_per_execution": "実行あたりの状態遷移数", "history_events_per_execution": "実行あたりの履歴イベント数",
    "sync": "同期実行（StartSyncExecution）", "event_source": "イベントの発生元", "kind": "EventBridge の機能",
    "events_per_month": "月間イベント数",
    "event_kb": "イベントサイズ（KB）", "entries_per_put": "PutEvents あたりのエントリ数",
    "cross_account_targets": "イベントあたりのクロスアカウント配信数", "filter_pass_ratio": "フィルターを通過する割合",
    "sfn_start_execution_rps": "StartExecution の上限（回/秒、Standard）",
    "sfn_start_execution_burst": "StartExecution のバケットサイズ（Standard）",
    "sfn_state_transition_rps": "状態遷移の上限（回/秒）", "sfn_state_transition_burst": "状態遷移のバケットサイズ",
    "eventbridge_put_events_rps": "PutEvents の上限（リクエスト/秒）",
    # ---- end sfn
    # ---- s3x
    "new_gb_per_month": "月間の新規データ（GB）", "new_objects_per_month": "月間の新規オブジェクト数",
    "lifecycle": "ライフサイクル", "days": "日数", "expiration_days": "有効期限（日）",
    "history_days": "データの蓄積日数", "intelligent_tiering": "Intelligent-Tiering のアクセス階層",
    "infrequent": "低頻度アクセス階層の割合", "archive_instant": "アーカイブインスタントアクセス階層の割合",
    "secrets": "シークレット数", "api_calls_per_month": "月間 API コール数", "cache_ttl_s": "キャッシュ TTL（秒）",
    "standard_alarm_metrics": "アラームメトリクス（標準解像度）",
    "high_resolution_alarm_metrics": "アラームメトリクス（高解像度）", "composite_alarms": "複合アラーム数",
    "custom_metrics": "カスタムメトリクス数", "put_requests_per_month": "月間 PutMetricData リクエスト数",
    "log_ingested_gb_per_month": "ログの取り込み（GB／月）",
    "secretsmanager_get_secret_value_rps": "Secrets Manager GetSecretValue（リクエスト/秒）",
    # ---- end s3x
}
# ---- kinesis
FIELD_NAMES_JA.update({
    "mode": "キャパシティモード", "shards": "シャード数", "records_per_month": "月間レコード数",
    "record_kb": "レコードサイズ（KB）", "retention_hours": "保持期間（時間）",
    "consumers": "標準コンシューマー数", "efo_consumers": "拡張ファンアウトのコンシューマー数",
    "hours": "稼働時間（時間／月）", "format_conversion": "形式の変換",
    "dynamic_partitioning": "動的パーティショニング",
    "partitions": "アクティブなパーティション数", "buffer_mb": "バッファサイズ（MB）", "buffer_s": "バッファ間隔（秒）",
    "records_per_request": "リクエストあたりのレコード数", "batch_size": "バッチサイズ（Kinesis）",
    "kinesis_account_shards": "Kinesis のシャードクォータ（アカウント）",
})
# ---- end kinesis

#: design values in Japanese (the rest: the app's choice and type words, else the value)
VALUES_JA = {
    "true": "はい", "false": "いいえ", "none": "なし", "always": "常に適用", "first_year": "12 か月無料枠も適用",
    "flat": "一定", "mobile_evening": "モバイル（夜にピーク）", "business_hours": "業務時間帯", "weekdays": "平日中心",
    "weekends": "週末中心", "python": "Python", "nodejs": "Node.js", "java": "Java",
    "java_snapstart": "Java（SnapStart）", "dotnet": ".NET", "ruby": "Ruby", "custom": "カスタムランタイム",
    "eventual": "結果整合性", "strong": "強い整合性", "transactional": "トランザクション", "fifo": "FIFO",
    "infrequent_access": "低頻度アクセス", "latency": "レイテンシー", "https": "HTTPS", "http": "HTTP",
    # ---- kms
    "aws": "AWS",  # managed_by: aws (an AWS managed key) and event_source: aws (AWS service events)
    # ---- end kms
    # ---- sfn
    "express": "Express", "bus": "イベントバス", "pipe": "EventBridge Pipes", "scheduler": "EventBridge Scheduler",
    # ---- end sfn
}


def field_value_text(value: str, lang: str) -> str:
    """A design value (as the quote shows it) in `lang`: words and choices translated, figures unchanged.

    >>> field_value_text("true", "ja"), field_value_text("api_gateway", "ja"), field_value_text("1,024", "ja")
    ('はい', 'API Gateway', '1,024')
    """
    if lang != "ja":
        return value
    if value in VALUES_JA:
        return VALUES_JA[value]
    for kind in ("type", "choice"):
        word = shown(kind, value, "ja")
        if word != value:
            return word
    return value
