"""Japanese for the engine's own sentences: estimate warnings, readiness checks, DynamoDB plans,
design problems and the importers' refusals. The engine and the CLI stay English; the app and the
Japanese exports call `say(message, lang)` where they show these texts.

The engine emits each sentence as a `models.messages.Message` (a stable id, the English template
and its params). `JA` maps each id to its Japanese template (the same `{placeholders}`, formatted
with the same params, so numbers read as in English) and the first 8 hex digits of the SHA-1 of the
English template it was translated from. `tests/test_i18n_catalog.py` finds every `msg(...)` in the
code and fails, naming the id, when an id has no entry, the placeholders differ, or the English
changed since the translation (the stored hash differs: re-translate, then update the hash).

A param that is itself a Message (a word such as "read", or a nested sentence) is rendered in the
same language. `text.joined` messages (several findings joined by "; ") are joined with "。". An id
with no entry renders in English.
"""

from __future__ import annotations

from typing import Any

from i18n.aws_terms import dimension_text
from models.messages import JOINED, Message, fill

#: id → (Japanese template, sha1(English template)[:8])
JA: dict[str, tuple[str, str]] = {
    # ---- readiness checks (models/checks/*.py): words and units
    "word.read": ("読み込み", "a7afddb6"),
    "word.write": ("書き込み", "e1d0c6c1"),
    "word.504": ("504 Gateway Timeout（ゲートウェイのタイムアウト）", "aa88ad4b"),
    "word.502_function_first": ("502（関数が先にタイムアウト）", "f2d92dc6"),
    "word.2_retries": ("2 回の再試行", "363274fd"),
    "word.retries_until_expire": ("レコードの期限切れ（24 時間）までの再試行", "18b52663"),
    "unit.environments": ("実行環境", "ac99b7bd"),
    "unit.concurrent_executions": ("同時実行数", "1e219254"),
    "unit.concurrent_executions_pool": ("同時実行数（プールを共有する全関数）", "bc447321"),
    "unit.environments_at_once": ("同時に必要な実行環境数", "c3eca5e5"),
    "unit.ms_p99": ("ms（p99 実行時間）", "e09c9d17"),
    "unit.s_retry_delay": ("秒（再試行による遅延）", "3d29ccc9"),
    "unit.requests_per_s_busiest": ("リクエスト/秒（最も混む 1 秒）", "e6313e02"),
    "unit.ms_p99_of": ("ms（{fn} の p99 実行時間）", "62144dd0"),
    "unit.ms_p9999": ("ms（p99.99 実行時間）", "d84d5a51"),
    "unit.ms_p9999_of": ("ms（{fn} の p99.99 実行時間）", "c39a8589"),
    "unit.kb_per_request": ("KB／リクエスト", "a760d8b0"),
    "unit.capacity_consumed": ("毎秒の消費 {unit}（1 分間のピーク）", "927e956c"),
    "unit.units_per_s_minute_peak": ("毎秒の{kind}ユニット数（1 分間のピーク）", "ee1a830c"),
    "unit.units_per_s": ("毎秒の{kind}ユニット数", "5dbffbd4"),
    "unit.capacity_units_provisioned": ("プロビジョニング済みのキャパシティユニット", "b52abd78"),
    "unit.units_per_s_hottest_key": ("最もアクセスの多いキーへの毎秒の{kind}ユニット数", "abe90a0a"),
    "unit.kind_per_s_busiest": ("{kind}/秒（最も混む 1 秒）", "0ae797d3"),
    "unit.s_oldest_message": ("秒（最も古いメッセージの経過時間）", "53c18e6f"),
    "unit.ms_p99_cold": ("ms（コールドスタート込みの p99）", "34fa9f9d"),
    "unit.invocations_per_s_minute_peak": ("呼び出し/秒（1 分間のピーク）", "b8ac233e"),
    "unit.pct_composite_availability": ("%（SLA に基づく複合可用性）", "9d40d11b"),
    "unit.requests_per_month": ("リクエスト/月", "4ea77236"),
    # ---- readiness checks: Lambda
    "lambda.reservations.limit": (
        "予約同時実行数の合計の上限（アカウントの同時実行数 {account:,.0f} − 予約されずに残すべき "
        "{floor:,.0f}）", "afcfdc7c"),
    "lambda.reservations.consequence": (
        "予約されない同時実行数が最小値を下回る予約は AWS に拒否され、デプロイが失敗します。", "cec6384a"),
    "lambda.reservations.action": (
        "予約同時実行数を下げるか、アカウントの同時実行数クォータの引き上げを申請してください。", "18192024"),
    "lambda.account_concurrency.limit": ("アカウント・リージョンあたりの同時実行数（すべての関数で共有）", "6d9acbfa"),
    "lambda.account_concurrency.consequence": (
        "アカウントの同時実行数を超える呼び出しはスロットリングされます（HTTP 429）。この設計以外の関数も含め、"
        "リージョン内のすべての関数がこれを取り合います。", "1730d58e"),
    "lambda.account_concurrency.action": (
        "同時実行数クォータの引き上げを申請する（Service Quotas L-B99A9384）、重要な関数に同時実行数を予約する、"
        "または SQS でバッファしてください。", "cb3992c8"),
    "lambda.concurrency.limit_reserved": ("予約同時実行数", "995324a8"),
    "lambda.concurrency.limit_pool": ("アカウントの同時実行数から他の関数の予約分を引いた値", "b7692a7a"),
    "lambda.concurrency.action": (
        "予約同時実行数／アカウントのクォータを上げる、実行時間を短くする、または前段に SQS を置いてください"
        "。", "8192a244"),
    "lambda.concurrency.consequence_sqs": (
        "SQS から呼び出されます：ポーラーは同時実行数が許す範囲でしか動かないため、メッセージはキューで待ちます"
        "（「キューの滞留と保持期間」のチェックを参照）。", "85849c6d"),
    "lambda.concurrency.consequence_async": (
        "月 {n:,.0f} 回の呼び出しがスロットリングされます（負荷に対するアーラン B 式）。これらの非同期イベントは最大 6"
        " 時間"
        "再試行されます（「Lambda が保持する非同期イベント」のチェックを参照）。", "02b7f157"),
    "lambda.concurrency.consequence_stream": (
        "月 {n:,.0f} 回の呼び出しがスロットリングされます（負荷に対するアーラン B 式）。ストリームのバッチはレコードの"
        "期限切れ（24 時間）まで再試行されます。", "255c3225"),
    "lambda.concurrency.consequence_sync": (
        "月 {n:,.0f} 回の呼び出しがスロットリングされます（負荷に対するアーラン B 式）。呼び出し元には 429 エラー（リ"
        "クエスト過多）が返ります。", "78448514"),
    "lambda.scaling_rate.limit": ("関数あたり 10 秒ごとに増やせる実行環境の数", "3679fdff"),
    "lambda.scaling_rate.consequence": (
        "実行環境 {jump:,.0f} 個分の急増はスケールに {seconds} 秒かかり、その間に約 {affected:,.0f} 回の呼び出しが"
        "スロットリングされます。", "a6fe60b3"),
    "lambda.scaling_rate.action": (
        "分かっている急増の前にプロビジョニングされた同時実行で事前に温めるか、SQS でバッファしてください"
        "。", "2a28298a"),
    "lambda.timeout.limit": ("関数のタイムアウト", "3d7c1398"),
    "lambda.timeout.consequence": (
        "呼び出しの {pct:.3g}% が {timeout} 秒のタイムアウトを超えて失敗します（タイムアウトまで課金）。", "f3558183"),
    "lambda.timeout.action": ("タイムアウト（秒）を p99 実行時間より余裕をもって長くするか、処理を非同期にしてください"
                              "。", "d97feeaf"),
    "lambda.async_events.limit": ("再試行される非同期イベントの最大経過時間", "2beda6b8"),
    "lambda.async_events.consequence": (
        "イベント駆動（非同期）の呼び出し：月 {delayed:,.0f} 件のイベントがスロットリング後の再試行を待ちます。"
        "{dropped:,.0f} 件は 6 時間のイベント経過時間を超え、DLQ か失敗時の送信先がなければ破棄されます。", "9a3fb74e"),
    "lambda.async_events.action": (
        "S3 と関数の間に SQS キューを置く、失敗時の送信先／DLQ を設定する、または関数の同時実行数を"
        "上げてください。", "2a63b3de"),
    "lambda.sync_payload.limit": ("Lambda 同期呼び出しのペイロード（6 MB）", "e4df221e"),
    "lambda.sync_payload.consequence": ("6 MB を超えるリクエストは同期呼び出しの関数に渡せません（413）。", "1a28f6b7"),
    "lambda.sync_payload.action": ("大きなファイルは署名付き URL で S3 に直接アップロードし、キーだけを渡してください"
                                   "。", "5f441329"),
    "lambda.cold_starts.limit": ("タイムアウト（{runtime} の INIT ≈ {init_ms:,.0f} ms）", "0398f197"),
    "lambda.cold_starts.consequence": (
        "月 {cold:,.0f} 回のコールドスタート（呼び出しの {share:.2%}）がそれぞれ約 {init_ms:,.0f} ms を加えます："
        "p99 {warm_p99:,.0f} → {cold_p99:,.0f} ms。INIT フェーズは実行時間として課金されます。", "f909828a"),
    "lambda.cold_starts.action": (
        "パッケージとインポートを小さく保つ、{remedy}を使う、または p99 が許すならレイテンシを受け入れてください"
        "。", "c6796cb5"),
    "lambda.cold_starts.remedy": (
        "実行環境 {n} 個分のプロビジョニングされた同時実行（最も混む時間に必要な数{cost}）", "faf79d73"),
    "lambda.cold_starts.remedy_one": (
        "実行環境 {n} 個分のプロビジョニングされた同時実行（最も混む時間に必要な数{cost}）", "be16b3d4"),
    "lambda.cold_starts.remedy_cost": ("、月額約 USD {usd:,.2f}、実行時間の単価はオンデマンドより低い", "8c5e4189"),
    "lambda.cold_starts.remedy_java": ("SnapStart（ランタイム「Java（SnapStart）」、Java は追加料金なし）または"
                                       "{remedy}", "2f69df3f"),
    "lambda.invoke_rate.limit": ("毎秒の Invoke リクエスト数（アカウントの同時実行数クォータの 10 倍）", "4af68661"),
    "lambda.invoke_rate.consequence": (
        "クライアントが Lambda の Invoke API を直接呼び出します。呼び出しレートを超えると 429 TooManyRequests が返りま"
        "す。",
        "4de7d0bc"),
    "lambda.invoke_rate.action": (
        "同時実行数クォータの引き上げを申請する（呼び出しレートもそれに従います）か、前段に API Gateway を置いてくださ"
        "い。",
        "41c534f5"),
    "lambda.no_api_layer.limit": ("前段に API Gateway がない", "3e91c97b"),
    "lambda.no_api_layer.consequence": (
        "API Gateway がないと、クライアントごとのスロットリング・キャッシュ・リクエスト検証・カスタムドメインがありませ"
        "ん。"
        "不具合のあるアプリのバージョンがアカウントの同時実行数を使い切ることがあります。", "c48c0adc"),
    "lambda.no_api_layer.consequence_reserved": (
        "API Gateway がないと、クライアントごとのスロットリング・キャッシュ・リクエスト検証・カスタムドメインがありませ"
        "ん。"
        "不具合のあるアプリのバージョンがアカウントの同時実行数を使い切ることがあります（予約同時実行数がこの関"
        "数を"
        "制限します）。", "683658c0"),
    "lambda.no_api_layer.action": (
        "予約同時実行数を設定して影響を抑える、ID プールのロールをこの関数に限定する、または API Gateway を"
        "追加してください。", "fbe4c7a7"),
    # ---- readiness checks: API Gateway and the timeout chain
    "apigateway.account_throttle.limit": ("アカウント・リージョンあたりの毎秒リクエスト数（トークンバケット、バースト "
                                          "{burst:,.0f}）", "13e0681c"),
    "apigateway.account_throttle.consequence": (
        "アカウントのスロットリングを超えるリクエストには 429 エラー（リクエスト過多）が返ります。リージョン内のすべて"
        "の API "
        "で"
        "共有されます。", "50e978d9"),
    "apigateway.account_throttle.action": (
        "スロットリングのクォータ引き上げを申請する（Service Quotas L-8A5B8E43）か、レスポンスをキャッシュしてください"
        "（CloudFront／REST キャッシュ）。", "caa166bf"),
    "apigateway.stage_throttle.limit": ("ステージのスロットリング（バースト {burst:,.0f}）", "00483372"),
    "apigateway.stage_throttle.consequence": ("ステージのスロットリングを超えるリクエストには 429 エラー（リクエスト過"
                                              "多）が"
                                              "返ります。", "bc4df1d4"),
    "apigateway.stage_throttle.action": ("ステージのスロットリング（リクエスト/秒）とバーストを上げるか、クライアント"
                                         "のトラフィックを平準化してくだ"
                                         "さい。", "ac39e2ac"),
    "apigateway.integration_timeout.limit_function_first": (
        "関数のタイムアウト {function} 秒（統合タイムアウト {integration:g} 秒より先に来ます）", "95585863"),
    "apigateway.integration_timeout.limit": ("統合タイムアウト", "4425cd8f"),
    "apigateway.integration_timeout.consequence": ("月 {n:,.0f} 件のリクエストが {kind} で応答されます。", "89217677"),
    "apigateway.integration_timeout.action": (
        "遅い処理を非同期にする（202 を返し SQS／Step Functions で完了させる）か、関数を高速化してください"
        "。", "52ca5b0f"),
    "timeout_chain.client_first": (
        "クライアントのタイムアウト {client:g} 秒 ≤ 統合タイムアウト {integration:g} 秒：処理が続いているのにアプリが"
        "先に諦めます（再試行で 2 回実行されることがあります）", "4c644877"),
    "timeout_chain.function_too_long": (
        "関数のタイムアウト {function} 秒 ≥ 統合タイムアウト {integration:g} 秒：関数が課金されながら動き続ける間に "
        "API Gateway が 504 を返します", "76064357"),
    "timeout_chain.p99_too_long": (
        "p99 実行時間 {p99:g} 秒 ≥ 関数のタイムアウト {function} 秒：1 % を超える呼び出しがタイムアウトしま"
        "す", "fe188e4c"),
    "timeout_chain.limit_client": (
        "クライアント {client:g} 秒 > 統合 {integration:g} 秒 > 関数 {function} 秒 > p99 {p99:.3g} 秒", "e06b40bb"),
    "timeout_chain.limit": ("統合 {integration:g} 秒 > 関数 {function} 秒 > p99 {p99:.3g} 秒", "df8f6798"),
    "timeout_chain.ordered": ("各タイムアウトは前段のタイムアウトより短くなっています。", "836e7c7c"),
    "timeout_chain.action": (
        "タイムアウトを クライアント > API Gateway 統合 > 関数のタイムアウト > p99 実行時間 の順に（余裕をもって）"
        "設定してください。", "0dd973b9"),
    # ---- readiness checks: DynamoDB
    "dynamodb.capacity.limit": ("プロビジョニング済みの {unit}（テーブル + GSI）、最大 {burst:.0f} 秒分のバーストクレジ"
                                "ット付き", "a09fc33e"),
    "dynamodb.capacity.consequence": (
        "バーストクレジットを使い切ると月 {n:,.0f} 件の{kind}がスロットリングされます"
        "（ProvisionedThroughputExceededException）。プロビジョニングしたキャパシティは使っても使わなくても課金されます"
        "。",
        "3bde670e"),
    "dynamodb.capacity.action": (
        "{unit} を上げる、Auto Scaling を有効にする、キャパシティのスケジュールを使う、またはオンデマンドに切り替えて"
        "ください（DynamoDB プランナーを参照）。", "021e061e"),
    "dynamodb.on_demand_spike.limit": ("オンデマンドが即座に処理できるのは直前のピークの 2 倍まで", "a4d029dc"),
    "dynamodb.on_demand_spike.consequence": (
        "30 分以内にテーブルの直前のピークの 2 倍を超える急増は、オンデマンドのキャパシティが増えるまでスロットリング"
        "されることがあります。", "59f6b0e7"),
    "dynamodb.on_demand_spike.ok": ("急増は通常のピークの 2 倍以内に収まっています。", "db3b9a98"),
    "dynamodb.on_demand_spike.action": (
        "イベントの前にテーブルを事前に温める（ウォームスループット）か、SQS で書き込みを平準化してください"
        "。", "8151f9d0"),
    "dynamodb.table_quota.limit": ("テーブルあたりの毎秒{kind}ユニット数（テーブル + GSI）", "6b7c48ca"),
    "dynamodb.table_quota.consequence": ("テーブルあたりのクォータで月 {n:,.0f} 件の{kind}がスロットリングされます"
                                         "。", "31238b66"),
    "dynamodb.table_quota.action": (
        "テーブルのスループットクォータの引き上げを申請するか、複数のテーブルに分割してください。", "02a77298"),
    "dynamodb.account_quota.limit": ("アカウント・リージョンあたりのプロビジョニング済み{kind}キャパシテ"
                                     "ィ", "e384fafb"),
    "dynamodb.account_quota.consequence": (
        "アカウントのクォータを超えるプロビジョニングは拒否されます（LimitExceededException）。", "6c87bfc9"),
    "dynamodb.account_quota.action": ("アカウントのスループットクォータの引き上げを申請してください。", "4dd75745"),
    "dynamodb.hot_partition.limit": (
        "パーティションあたりの毎秒{kind}ユニット数（1 つのキーは 1 つのパーティションに置かれる）", "748580ae"),
    "dynamodb.hot_partition.consequence": (
        "最もアクセスの多いキーがトラフィックの {share:.0%} を占めます。テーブルのキャパシティに関係なく、そのパーティ"
        "ション"
        "で月 {n:,.0f} 件の{kind}がスロットリングされます。", "3ca8afc7"),
    "dynamodb.hot_partition.action": (
        "キーを分散する（サフィックスによる書き込みシャーディング）、頻繁な読み込みをキャッシュする（DAX／CloudFront）"
        "、"
        "または書き込みをまとめてください。", "3aae9e2b"),
    # ---- readiness checks: S3, SQS, resilience, availability, traffic
    "s3.request_rate.limit": (
        "毎秒の {kind} リクエスト数（プレフィックスあたり {per_prefix:,.0f} × {prefixes} プレフィックス）", "2c57d2d5"),
    "s3.request_rate.consequence": (
        "月 {n:,.0f} 件のリクエストに 503 エラー（SlowDown）が返ります（AWS SDK が再試行し、その分遅延が増えます）。S3"
        " は全体では"
        "高速ですが、1 つのプレフィックスでは限りがあります。", "2af30426"),
    "s3.request_rate.action": (
        "キーをより多くのプレフィックスに分散する（プレフィックス数を設定）か、"
        "GET を CloudFront でキャッシュしてください。", "3d988111"),
    "sqs.backlog.limit": ("メッセージの保持期間（{retention:,} 秒）", "32d8b053"),
    "sqs.backlog.consequence": (
        "最大 {depth:,.0f} 件のメッセージが待ち、最も古いものは {minutes:,.1f} 分待ちます。月 {expired:,.0f} 件は "
        "{consumer} が読む前に期限切れになります。キューはスロットリングの代わりに急増を吸収します。", "08401d05"),
    "sqs.backlog.action": (
        "{consumer} の予約同時実行数（またはイベントソースマッピングの最大同時実行数）を上げる、より多くのメッセージを"
        "まとめて処理"
        "する、"
        "または保持期間（秒）を長くしてください。", "90d4112a"),
    "resilience.failed_events.limit": ("失敗時の送信先／デッドレターキュー", "c6beae44"),
    "resilience.failed_events.kept": ("{source} からのイベントのうち、{retries}の後も失敗したものは DLQ に保持されます"
                                      "。", "bc76a50a"),
    "resilience.failed_events.dropped": (
        "{source} からのイベントのうち、{retries}の後も失敗したものは通知なく破棄され、S3 を起点とする処理が"
        "失われます。", "33a1fb8e"),
    "resilience.failed_events.action": ("失敗時の送信先か DLQ を設定する（設計の「DLQ／失敗時の送信先」）か、"
                                        "SQS でバッファしてください。",
                                        "118d69f4"),
    "resilience.idempotency.limit": ("少なくとも 1 回の配信（重複して届くことがある）", "61c72089"),
    "resilience.idempotency.ok": (
        "{source} からのイベントは複数回届くことがあります（再試行・再配信）。ハンドラーは冪等と指定されています"
        "。", "87f02487"),
    "resilience.idempotency.consequence": (
        "{source} からのイベントは複数回届くことがあります（再試行・再配信）。冪等でないハンドラーは 2 回処理することが"
        "あります（サムネイルの重複、二重書き込み）。独立したサービスの間にトランザクションはありません。", "8f5ec1e1"),
    "resilience.idempotency.action": (
        "ハンドラーを冪等にし（条件付き書き込み、冪等キー）、設計で「冪等な処理」を指定してください。", "460ab047"),
    "availability.composite.limit": ("同期パス上の SLA：{chain}", "8f6b24cb"),
    "availability.composite.consequence": (
        "リクエストは同時に {n} つのサービスに依存します：SLA の水準で月最大 {minutes:,.0f} 分の障害時間があり得ます"
        "（SLA は返金の約束であり保証ではありません）。", "9e6eac42"),
    "availability.composite.consequence_async": (
        "リクエストは同時に {n} つのサービスに依存します：SLA の水準で月最大 {minutes:,.0f} 分の障害時間があり得ます"
        "（SLA は返金の約束であり保証ではありません）。リクエストの経路外（非同期）：{off_path}。これらの障害は"
        "リクエストを失敗させず、処理を遅らせます。", "549051d0"),
    "availability.composite.action": (
        "すべての同期呼び出しをバックオフとジッター付きで再試行してください。リクエスト内で終える必要のない処理は SQS "
        "の"
        "後ろに移してください。さらに可用性が必要なら DynamoDB グローバルテーブルとマルチリージョンの API を検討して"
        "ください。", "dbf2407b"),
    "traffic.not_given.limit": ("トラフィック", "c8ab5189"),
    "traffic.not_given.consequence": (
        "トラフィックが届かないため、スループットのチェックは需要ゼロとして扱われ、キャパシティが足りるかどうかを判断"
        "できません", "ff3c7c0b"),
    "traffic.not_given.action": (
        "月間の数値（月間読み込み数、月間書き込み数など）、入力元（from）、またはワークロードの月間リクエスト数"
        "を指定"
        "してください", "f657c4c2"),
    # ---- estimate warnings (models/costs/*.py, models/design/schema.py, service/planning.py)
    "estimate.catalog_region.warning": ("価格カタログのリージョン {catalog} が設計のリージョン {design} と異なりま"
                                        "す", "960f7c4a"),
    "estimate.no_price.warning": ("{region} のカタログに {price} の価格がありません：{components} は全額を計上できてい"
                                  "ません", "c5a87c00"),
    "estimate.assumed_prices.warning": (
        "{n} 件の価格は {region} の値を明記した出典が見つからないため推定値です：{dimensions}（各価格の注記を参照）",
        "f9678bc2"),
    "estimate.no_refreshed_catalog.warning": (
        "更新後の価格が指定されましたが、{region} には更新後のカタログがまだないため、同梱のカタログ（{date} 作成）で"
        "見積もりました", "cdf314c7"),
    "estimate.refreshed_catalog.warning": (
        "価格は同梱のカタログ（{bundled} 作成）ではなく、{date} に AWS Price List から更新したカタログのものです",
        "0f028726"),
    "lambda.disabled.warning": (
        "{id}：予約同時実行数 0 ではすべての呼び出しがスロットリングされますが、この見積もりは実行されたものとして課金"
        "しています（上限の見積もり）。制限チェックを確認するか、この設定を外してください", "a12c05ba"),
    "lambda.provisioned_even.warning": (
        "{id}：{hours:g} 時間分のプロビジョニングされた同時実行は、トラフィックが均等に分散するとして計上しています"
        "（トラフィックがその時間帯に集中する場合は「プロビジョンド時間帯に処理される割合」を設定してください）",
        "27fb0b98"),
    "lambda.over_timeout.warning": (
        "{id}：呼び出しの {pct:.2g}% がタイムアウト {timeout} 秒を超えます（タイムアウトまで課金されたうえで失敗します"
        "）", "269b1718"),
    "s3.intelligent_tiering.warning": (
        "{id}：Intelligent-Tiering のストレージを高頻度アクセス階層の料金で計上しています"
        "（オブジェクトが安い階層へ移るまでの上限値）", "75397ca2"),
    "s3.restore_first.warning": ("{id}：{cls} からの GET には先に復元が必要です。復元の料金はここでは計上していませ"
                                 "ん", "2dbfed2f"),
    "s3.retrieval_unpriced.warning": ("{id}：{cls} からの取り出しの料金はここでは計上していません", "81270e3c"),
    "cloudfront.viewers_default.warning": ("{id}：viewers が未指定のため「{group}」として計上しています", "454c9419"),
    "dynamodb.average_over_capacity.warning": (
        "{id}：平均{kind}需要 {demand:,.1f} ユニット/秒がプロビジョニング済みの {capacity} を超えます。"
        "リクエストはスロットリングされます", "2605bffd"),
    "design.duration_assumed.warning": ("components[{i}] ({id}).duration_ms が未指定のため 100 ms と仮定していま"
                                        "す", "ff431725"),
    "design.no_traffic.warning": (
        "{id}：トラフィックの指定がありません（ワークロードの量、月間の数値、from のいずれもなし）。設定だけ"
        "（プロビジョニング済みキャパシティ、ストレージ）で料金を計算しています。準備状況のチェックにはトラフィックが"
        "必要です", "b28740fb"),
    "design.ranges.warning": (
        "{shown} に範囲が指定されています：これは{case}ケースの見積もりです。下限・想定・上限の各ケースは別々の設計とし"
        "て"
        "評価します", "75d7255e"),
    "design.ranges_more.warning": (
        "{shown} ほか {more} 件に範囲が指定されています：これは{case}ケースの見積もりです。下限・想定・上限の各ケースは"
        "別々の設計として評価します", "1a1fd090"),
    "word.low": ("下限", "36a883e7"),
    "word.expected": ("想定", "5dcbdf37"),
    "word.high": ("上限", "9235afd3"),
    "word.none": ("なし", "71f8e797"),
    # ---- DynamoDB planner (models/dynamodb_planner/plan.py, service/planning.py)
    "dynamodb_plan.on_demand": (
        "リクエストユニット単位で課金。30 分以内に直前のピークの 2 倍を超える急増はスロットリングされることがあります"
        "。", "2d354b2e"),
    "dynamodb_plan.fixed": ("月を通して {rcu:,.0f} RCU と {wcu:,.0f} WCU（ピーク + {headroom:.0%}）。", "53c1b81c"),
    "dynamodb_plan.note_and_more": ("{note}{more}", "09711eef"),
    "dynamodb_plan.free_tier_left": (
        "無料枠：設計内のほかのプロビジョンド（Standard）テーブルとインデックスの使用後、このテーブルに残るのは "
        "{total_r:,.0f} RCU 時間のうち {left_r:,.0f}、{total_w:,.0f} WCU 時間のうち {left_w:,.0f}"
        "（費用はこのテーブルが請求に加える分です）。", "9344fdf2"),
    "dynamodb_plan.one_time": (
        "下限のみ（スケジュールされたアクションとしては適用不可）：この 1 か月だけの最も安い一回限りのスケジュールで、"
        "読み込みと書き込みをそれぞれ単独で（引き下げ枠をすべて使える前提で）計画したもの。{step} 分刻みで {changes} 回"
        "の"
        "キャパシティ変更（Application Auto Scaling のスケジュールされたアクションはスケーラブルターゲットごとに "
        "{limit} 個"
        "まで）。60 分のローリング規則のもと、UTC の 1 日あたり次元ごとに最大 {most} 回の引き下げ。", "d70462f9"),
    "dynamodb_plan.rounded_down": ("必要量は次元ごとに {n} 段階へ切り下げています（下限であり、プランではありません）"
                                   "。", "49475f1d"),
    "dynamodb_plan.weekly": (
        "毎週繰り返し：{step} 分刻み（UTC）で週 {changes} 回のキャパシティ変更、スケーラブルターゲットごとに最大 "
        "{per_target} 個のスケジュールされたアクション（上限 {limit}）。UTC の 1 日あたり最大 {most} 回の引き下げ"
        "（Application Auto Scaling の適用どおり読み込みと書き込みを別々に数え、60 分のローリング規則の範囲内）"
        "。", "e46f75b7"),
    "dynamodb_plan.rounded_up": ("必要量は次元ごとに {n} 段階へ切り上げています。", "9b911ba9"),
    "dynamodb_plan.autoscaling": (
        "目標 {target:.0%}。目標を 2 分超えるとスケールアウト、目標を 20 % 下回る状態が 15 分続くとスケールイン（60 分"
        "の"
        "ローリング規則による引き下げの制限内。読み込みと書き込みのスケーリングは別々の更新なので、それぞれの引き下げが"
        "数えられます）。", "2bc2b98c"),
    "dynamodb_plan.reserved_standard_only": ("リザーブドキャパシティは Standard テーブルクラスでのみ利用できます"
                                             "。", "cc131ce3"),
    "dynamodb_plan.reserved": (
        "{term} 期間：{rcu:,} RCU と {wcu:,} WCU を予約（前払い分は期間で按分）、残りは週単位のスケジュールどおり"
        "。", "fc3701cf"),
    "dynamodb_plan.reserved_nothing": (
        "テーブルが月を通して 100 ユニットを必要とすることがないため、予約するものはありません（週単位のスケジュールと"
        "同じ）。",
        "30a7a221"),
    "dynamodb_plan.reason": (
        "{best} はスロットリングを {allowed:.2%} 以内に抑える最も安いプランです：月額 USD {usd:,.2f}。"
        "プロビジョニングは平均使用率 {even:.0%} を超えると得になります。", "91e3f871"),
    "dynamodb_plan.reason_saving": (
        "{best} はスロットリングを {allowed:.2%} 以内に抑える最も安いプランです：月額 USD {usd:,.2f}、オンデマンドより "
        "{saving:.0%} 安い。プロビジョニングは平均使用率 {even:.0%} を超えると得になります。", "9f379f5e"),
    "dynamodb_plan.not_a_table": ("--table：{table!r} はこの設計の DynamoDB テーブルではありません。テーブル："
                                  "{tables}", "a631ebd2"),
    "dynamodb_plan.not_an_index": ("--index：{index!r} はテーブル {table!r} の GSI ではありません。GSI："
                                   "{names}", "08a5aefb"),
    # ---- design problems: the graph and the fields (models/design/schema.py)
    "design.problem_at": ("{path}：{problem}", "7e5f06c4"),
    "design.quote_valid_until": ("有効期限 {valid_until} が見積日 {date} より前です。"
                                 "使用できるもの：見積日と同じ日以降", "0d2f8ab7"),
    "design.not_a_date": ("{path}：{value} は日付ではありません。使用できるもの：YYYY-MM-DD 形式の日付",
                          "fb85629e"),
    "design.not_a_mapping": ("{where}：項目のマッピング（name, region, components, ...）が必要ですが、{kind} でした",
                             "cb7a42f5"),
    "design.duplicate_id": ("components[{i}].id：'{id}' が 2 回使われています。id は重複できません", "b710c208"),
    "design.from_self": ("{where}：コンポーネントを自分自身から駆動することはできません", "c2a12761"),
    "design.from_unknown": ("{where}：'{name}' という名前のコンポーネントはありません。コンポーネント："
                            "{known}", "8d8dc934"),
    "design.from_no_events": ("{where}：'{name}'（{type}）は下流にイベントを渡しません", "8cf1f52e"),
    "design.cycle": ("components：'from' のつながりが循環しています：{cycle}", "c1bb51ec"),
    "design.workload_missing": (
        "workload.requests_per_month：未指定です（peak_rps または users でも可）。これが {components} を駆動します"
        "（またはそれらのコンポーネントに月間の値を個別に指定してください）", "8c0a2f6b"),
    "design.field_missing": ("{path}：必須の項目がありません", "fb647463"),
    "design.field_unknown": ("{path}：不明な項目です（値 {value}）。この種類の項目は docs/design-file.md を参照してくだ"
                             "さい", "ba227441"),
    "design.type_unknown": ("{path}：不明なコンポーネントの種類 {tag!r} です。使用できるもの：{allowed}", "e6018928"),
    "design.type_missing": ("{path}：'type' がありません。使用できるもの：{allowed}", "012b2986"),
    "design.value_not_allowed": ("{path}：{value} は使用できません。使用できるもの：{allowed}", "c730e4bf"),
    "design.out_of_range": ("{path}：{value} は範囲外です。{sign} {bound} である必要があります", "44849dac"),
    "design.not_a_number": ("{path}：{value} は数値ではありません", "20243a6c"),
    "design.not_a_number_in": ("{path}：{value} は数値ではありません（単位を付けずに{unit}の数値で指定してください"
                               "）", "e50a89e0"),
    "design.id_pattern": (
        "{path}：{value} は使用できません。英小文字・数字・'-'・'_' を使い、英字で始めてください（40 文字以内"
        "）", "f6c3fbcd"),
    "design.too_short": ("{path}：{what}の要素数は {n} {noun}以上である必要があります（現在 {got}）", "cd2d601d"),
    "design.too_long": ("{path}：{what}の要素数は {n} {noun}以下である必要があります（現在 {got}）", "7a036c92"),
    "design.invalid_value": ("{path}：{value} は無効な値です（{detail}）", "1f421173"),
    "word.list": ("リスト", "38b62be4"),
    "word.string": ("文字列", "ecb25204"),
    "word.value": ("値", "f32b67c7"),
    "word.item": ("個", "3a7d9767"),
    "word.items": ("個", "7316c8b2"),
    "word.character": ("文字", "f0db3fa4"),
    "word.characters": ("文字", "aa908a40"),
    "word.MB": ("MB", "6e979f42"),
    "word.KB": ("KB", "315b39a0"),
    "word.GB": ("GB", "505a44fa"),
    "word.milliseconds": ("ミリ秒", "3dd2605f"),
    "word.seconds": ("秒", "7febce03"),
    "word.per_month": ("月あたりの値", "d0e619b2"),
    "word.hours": ("時間", "5aedee09"),
    "design.key_not_text": ("{where}：キー {key!r} は{kind}です。キーは文字列（項目名）である必要がありま"
                            "す", "db7032e6"),
    "word.top_level": ("最上位", "eab0965f"),
    "word.number": ("数値", "53b0a1b2"),
    "design.not_finite": ("{path}：{value} は有限の数値ではありません", "8370f4cf"),
    "design.odd_value": (
        "{path}：{kind} の値は使えません。文字列・数値・true/false・リスト・マッピングのいずれかを使ってくださ"
        "い", "176601f1"),
    "design.too_many_requests": (
        "workload：量とスパイク（重なったスパイクは掛け合わされます）から月 {n:,.3g} 件のクライアントリクエストになりま"
        "す。"
        "上限は {most:,.0f} 件です（量かスパイクの倍率を下げてください）", "9d5cb58f"),
    "design.too_many_events": (
        "components ({id})：'from' のつながりに沿った 'calls' の倍率により月 {n:,.3g} 件のイベントが届きます。上限は月 "
        "{most:,.0f} 件です（calls かワークロードを下げてください）", "91e980ac"),
    # ---- design problems: the validators' value errors
    "design.percentiles_order": ("パーセンタイルは p50 ≤ p95 ≤ p99 の順である必要があります", "1a6e2de6"),
    "design.percentiles_spread": (
        "最も高いパーセンタイル（{highest:g} ms）が p50（{p50:g} ms）の {spread:,} 倍を超えています。p50 を上げるか "
        "p95/p99 を下げてください", "4ccf8a63"),
    "design.one_volume": ("requests_per_month・peak_rps・users のいずれか 1 つだけを指定してください（指定："
                          "{given}）", "45918aaa"),
    "design.daily_profile": ("daily_profile：プリセット（{presets}）か 24 個の重みを指定してください（すべて 0 は不可"
                             "）", "8a5607db"),
    "design.weekly_profile": (
        "weekly_profile：プリセット（{presets}）か 7 個の重み（月〜日）を指定してください（すべて 0 は不可"
        "）", "a3aaaa08"),
    "design.timezone_unknown": ("タイムゾーン {timezone!r} は不明です。UTC±HH:MM か次のいずれかを使ってください："
                                "{known}", "7f224633"),
    "design.from_or_direct": ("'from' と '{field}' のどちらか一方だけを指定してください", "4b8c8d0d"),
    "design.http_integration_timeout": ("integration_timeout_ms {value} が HTTP API の上限 30,000 を超えていま"
                                        "す", "7a4e1b7c"),
    "design.cache_rest_only": ("cache_gb は REST API（api: rest）でのみ使えます", "0b79b682"),
    "design.cache_size": ("cache_gb {value:g} はキャッシュサイズではありません。使用できるもの：{sizes}", "88582150"),
    "design.websocket_payload": ("payload_kb {value:g} が WebSocket のメッセージ上限 128 KB を超えていま"
                                 "す", "c625e53b"),
    "design.connection_minutes_websocket_only": ("connection_minutes_per_month は WebSocket API でのみ使えま"
                                                 "す", "24678407"),
    "design.provisioned_over_reserved": ("プロビジョンド同時実行数 {provisioned} が予約同時実行数 {reserved} を超"
                                         "えています", "6892cce1"),
    "design.provisioned_needs": ("billing: provisioned には {fields} が必要です（キャパシティユニット、1 以上"
                                 "）", "7ef4eda4"),
    "design.provisioned_only": ("{fields} は billing: provisioned の場合にのみ指定できます", "75d90964"),
    "design.gsi_names_unique": ("gsis：インデックス名は重複できません", "bc8baae0"),
    "design.cognito_not_driven": ("Cognito ユーザープールは 'mau' で計上します。'from' では駆動されません", "47705aa9"),
    "design.route53_not_driven": (
        "Route 53 は 'hosted_zones' と 'queries_per_month' で計上します。'from' では駆動されません", "2728ea14"),
    # ---- design problems: ranges (models/design/ranges.py)
    "design.range_expected": ("{path}：範囲には 'expected' が必要です（'low' と 'high' は任意）", "919f40bd"),
    "design.range_numbers": ("{path}：範囲の {bounds} は数値である必要があります（指定値：{got}）", "505dbbf8"),
    "design.range_order": (
        "{path}：範囲は low ≤ expected ≤ high である必要があります（low {low:,}、expected {expected:,}、high "
        "{high:,}）", "07051f50"),
    # ---- design files (models/design/text.py) and saved designs (storage/designs.py)
    "design_file.alias": ("設計ファイル {line} 行目：YAML のエイリアス（*name）には対応していません", "dfda1805"),
    "design_file.digits": ("設計ファイル{where}：{digits:,} 桁で書かれた数値があります。数値は {most} 桁までで"
                           "す", "19e83d0f"),
    "design_file.duplicate_key": (
        "設計ファイル {line} 行目：{key!r} が同じ場所に 2 回書かれています（最初は {first} 行目）。設計では 1 つにまと"
        "めてください", "988b8e88"),
    "design_file.json_duplicate_key": ("設計ファイル：{key!r} が同じオブジェクトに 2 回書かれています。設計では 1 つに"
                                       "まとめてください", "6e85ad6f"),
    "design_file.not_finite": ("設計ファイル：{written} は設計で扱える数値ではありません（有限の数値を使ってください"
                               "）", "7bb52605"),
    "design_file.too_large": ("設計ファイル：{n:,} 文字は大きすぎます。上限は {most:,} 文字です", "656c3e8e"),
    "design_file.brackets": (
        "設計ファイル：括弧（[ または "
        "{{）の入れ子が {most} 段を超えています。設計の入れ子は {depth} 段までです", "898624e2"),
    "design_file.json": ("設計ファイル {line} 行目 {column} 列：正しい JSON ではありません（{detail}）", "f94258e7"),
    "design_file.not_yaml": ("正しい YAML ではありません", "a54d6a35"),
    "design_file.yaml_at": ("設計ファイル {line} 行目 {column} 列：{problem}", "5303d514"),
    "design_file.problem": ("設計ファイル：{problem}", "f1f694ef"),
    "design_file.recursion": ("設計ファイル：入れ子が深すぎて読み込めません。設計の入れ子は {depth} 段までです",
                              "99c96fb5"),
    "design_file.empty": ("設計ファイル：空です。テンプレートから始めてください", "43ab4150"),
    "design_file.too_deep": ("設計ファイル：入れ子が {depth} 段を超えています", "11a26030"),
    "design_file.upload_too_large": ("{file}：{size:,} バイトは大きすぎます（上限 {limit:,}）", "179a92bb"),
    "saved.problem": ("{file}：{problem}", "417013eb"),
    "saved.not_design": ("設計ファイルではありません", "3e85a1df"),
    "saved.too_deep": ("入れ子が深すぎて読み込めません", "191f4f6f"),
    "saved.too_many_digits": ("4,300 桁を超える数値があります", "6be5887b"),
    "saved.unreadable": ("設計ファイルとして読み込めません（{error}）", "052b74a0"),
    "saved.key_not_text": ("キー {key!r} が文字列ではありません。項目名は name、workload、components などの語で"
                           "す", "e7f76760"),
    "saved.not_utf8": ("UTF-8 のテキストではありません（{offset:,} バイト目が 0x{byte:02x}）。バイナリファイルではあり"
                       "ませんか？", "e4386fdf"),
    "share.short.bad_id": ("短いリンク：{key!r} はこのアプリのリンク ID ではありません"
                           "（a〜z の英字と 2〜7 の数字で 10 文字以上）。新しいリンクをもらってください", "d64252a0"),
    "share.short.not_found": ("短いリンク：このサーバーには {key!r} の設計が保存されていません"
                              "（短いリンクは作られたサーバーでだけ開けます）。"
                              "完全なリンクをもらってください", "1d5a58c1"),
    "share.short.unreadable": ("短いリンク：保存された設計を読み込めません（{reason}）", "06184316"),
    # ---- importers' refusals (importers/*.py): where, then why
    "import.at": ("{where}：{problem}", "571d6339"),
    "import.at_line": ("{file} {line} 行目：{problem}", "2d81b815"),
    "import.line": ("{line} 行目：{problem}", "d3d14092"),
    "import.in_file": ("{file} {problem}", "343ccd9e"),
    "import.too_large": ("{size:,} バイトは大きすぎて取り込めません（1 ファイルの上限は {limit:,} バイト"
                         "）", "4a15ae80"),
    "import.too_large_text": ("{size:,} バイトは大きすぎて取り込めません（上限 {limit:,} バイト）", "321560ed"),
    "import.not_utf8": ("UTF-8 のテキストファイルではありません（{offset:,} バイト目が 0x{byte:02x}）", "d56f8db5"),
    "import.operators": (
        "1 つの式に {n} 個を超える演算子が連なっています。入れ子が深すぎて解析できません（locals に分けてください）",
        "43ec6f1c"),
    "import.digits": ("{digits:,} 桁で書かれた数値があります。数値は {most} 桁までです", "05480c67"),
    "import.digits_template": ("{digits:,} 桁で書かれた数値があります。数値は {most} 桁までです", "43a53765"),
    "import.heredoc": ("ヒアドキュメント <<{marker} が閉じられていません（{marker} だけの行がありません）", "e5c77884"),
    "import.tokens": (
        "複雑すぎて解析できません：1 回の取り込みの Terraform ファイルが {n:,} トークンを超えています"
        "（構成を分割してください）", "2e5394bd"),
    "import.parse_depth": ("入れ子が深すぎて解析できません（上限 {n} 階層）", "4775e9c5"),
    "import.nested": ("入れ子が {n} 階層を超えています", "3a6a070a"),
    "import.nested_at_line": ("入れ子が {n} 階層を超えています（{line} 行目）", "2d99b7fa"),
    "import.nested_read": ("入れ子が {n} 階層を超えています（深すぎて読み込めません）", "42ae7723"),
    "import.eval_steps": ("複雑すぎて評価できません：評価の手順が {n:,} を超えます", "d019bf1e"),
    "import.eval_chars": ("複雑すぎて評価できません：{what} は {length:,} 文字になります（上限 {limit:,} 文字"
                          "）", "4bb9ce9c"),
    "import.eval_total_chars": ("複雑すぎて評価できません：計算される値が合計 {n:,} 文字を超えます", "46715a76"),
    "import.eval_entries": (
        "複雑すぎて評価できません：{what} のリストやマップの要素が {n:,} 個になります（上限 {limit:,} 個"
        "）", "1df5f495"),
    "import.eval_memory": ("複雑すぎて評価できません：この取り込みに使えるメモリーを超えます", "1287f363"),
    "import.eval_depth": (
        "入れ子が深すぎて評価できません：{what} が {n} 階層を超えています（互いを参照する値、または式の中の式）",
        "8edf7681"),
    "import.eval_recursion": (
        "入れ子が深すぎて評価できません（互いを参照する値、または式の中の式が {n} 階層を超えています）", "f087984e"),
    "import.what_text": ("テキスト {text}", "9816177e"),
    "import.what_expression": ("式 {expression}", "9938a293"),
    "import.what_condition": ("条件 {name}", "3c68babf"),
    "import.key_is_list": ("キーはテキストでなければなりません（リストは使えません）", "436a3ec0"),
    "import.key_is_mapping": ("キーはテキストでなければなりません（マッピングは使えません）", "e3e285a4"),
    "import.unexpected": ("取り込めません：想定外のエラー {error}。このテンプレートを報告してください", "7aea2af9"),
    "import.unexpected_detail": (
        "取り込めません：想定外のエラー {error}（{detail}）。このテンプレートを報告してください", "58a08932"),
    "import.param_not_name_value": ("パラメーター：{entry!r} は Name=Value の形ではありません", "10d7b077"),
    "import.design_invalid": ("取り込んだ設計は有効ではありません：{problem}", "e6bc5f40"),
    "import.property_invalid": ("{where}：{written} は取り込めません：{problem}", "522c2720"),
    # ---- union fields (models/design/schema.py) and spike notes (service/planning.py)
    "design.no_allowed_kind": ("{path} は {kinds} で指定してください（{value} はどちらでもありません）", "812017c0"),
    "design.kind_mapping": ("{fields}", "b4969fd3"),
    "design.kind_number_in": ("数値（{unit}）", "9248be62"),
    "design.kind_number": ("数値", "c37f5d4c"),
    "design.kind_text": ("文字列", "372ea08c"),
    "design.kind_list": ("リスト", "e3206e3d"),
    "design.kind_or": ("{first} または {second}", "f815f5c0"),
    "traffic.spike_and": ("{first}、{second}", "443dfceb"),
    "design.kind_other": ("{label}", "444af755"),
    "traffic.spike": ("{day} 日目 {at}、{minutes:,} 分間 ×{multiplier:g}", "cb0f833e"),
    "traffic.spikes_add": ("スパイクによりリクエストが {extra:,} 件増えます（{spikes}）", "cac022b9"),
    # ---- the design against an account (aws/diff.py): notes
    "diff.where_default": ("AWS の既定値", "843c769a"),
    "diff.where_design": ("設計の limits ブロック", "d278d6a3"),
    "diff.limit_lower": ("アカウントの上限は設計の想定（{where}）より低い。読み取り元：{source}", "759a6cf4"),
    "diff.limit_higher": ("アカウントの上限は設計の想定（{where}）より高い。読み取り元：{source}", "759d371f"),
    "diff.missing": ("アカウントに {name!r} という{what}はありません（ラベル、なければ ID で照合）", "27728e2f"),
    "diff.what_function": ("関数", "c218e39e"),
    "diff.what_table": ("テーブル", "c3ee137d"),
    "diff.what_api": ("API", "d93d10ff"),
    "diff.what_bucket": ("バケット", "827b8276"),
    "diff.what_queue": ("キュー", "1038345e"),
    "diff.memory": ("メモリで GB 秒あたりの料金が決まります", "50ffb39b"),
    "diff.timeout": ("タイムアウトが長いと、呼び出しが止まったときに同時実行数を長く占有します", "1318fe18"),
    "diff.architecture": ("arm64 は GB 秒あたり約 20% 安い", "36278159"),
    "diff.ephemeral": ("512 MB を超える分は課金されます", "ec8639f4"),
    "diff.reserved": ("予約同時実行数は関数の上限になり（0 で停止）、アカウントのプールから差し引かれます", "5beaa31f"),
    "diff.provisioned": ("プロビジョンドの実行環境は有効な間 GB 秒で課金されます", "d10319fc"),
    "diff.billing": ("キャパシティモードで料金体系が決まります", "2ee66fa1"),
    "diff.table_class": ("Standard-IA：ストレージは安く、リクエストは高い", "de5497c3"),
    "diff.capacity": ("毎秒のキャパシティユニット。超えたリクエストはスロットリングされます", "34880d22"),
    "diff.decreases": ("本日（UTC）のキャパシティ引き下げ {most} 回のうち {used} 回を使用済み。引き下げが拒否される"
                       "ことがあります", "35a63597"),
    "diff.autoscaling": ("Auto Scaling はこの範囲でキャパシティを変えます。設計は固定キャパシティで計算しています",
                         "acdcb0c1"),
    "diff.api": ("REST、HTTP、WebSocket の API は料金が異なります", "1b797156"),
    "diff.stage_rps": ("ステージ {stage!r} は毎秒 {rps:g} リクエストでスロットリングします（バースト {burst}）",
                       "9237ed33"),
    "diff.integration_timeout": ("API のメソッドの統合タイムアウトのうち最長のもの", "25903137"),
    "diff.storage": ("{day} 時点の S3 Standard のストレージ（CloudWatch の日次メトリクス）", "4975aa76"),
    "diff.queue": ("FIFO はリクエストが高く、スループットの上限があります", "0140d256"),
    "diff.retention": ("これより古いメッセージは削除されます", "6b1d6983"),
    # ---- share links (storage/share.py)
    "share.empty": ("共有リンク：設計が入っていません（'d' の値が空です）", "f67e33a5"),
    "share.too_long": ("共有リンク：{n:,} 文字は長すぎます（上限 {limit:,} 文字）", "b6fbfc01"),
    "share.unknown_format": ("共有リンク：このアプリの設計リンクではありません（形式が不明）。新しいリンクをもらってく"
                             "ださい", "2ee17d03"),
    "share.too_large": ("共有リンク：中の設計が大きすぎます（{limit:,} 文字超）。ファイルで共有してください",
                        "c146ebef"),
    "share.damaged": ("共有リンク：壊れているか途中で切れています（コピーの際に切れませんでしたか？）", "41567c36"),
    "share.no_json": ("共有リンク：このアプリの設計リンクではありません（JSON の設計が入っていません）。新しいリンク"
                      "をもらってください", "b3ce0f8e"),
    # ---- account snapshots (aws/snapshot*.py)
    "snapshot.unknown_sections": ("不明なセクション {unknown}。使えるもの：{known}", "8361ed92"),
    "snapshot.no_region": ("リージョンがありません：--region を指定してください（または AWS_REGION / "
                           "AWS_DEFAULT_REGION / プロファイルのリージョンを設定）", "778d6a70"),
    "snapshot.path_is_folder": ("{path}：フォルダーです。ファイル名を指定してください", "ae2b56ff"),
    "snapshot.no_folder": ("{path}：フォルダー {folder} がありません", "df3ef2bb"),
    "snapshot.exists": ("{path}：ファイルが既にあります。置き換えるには --force を指定してください", "a880428a"),
    "snapshot.not_writable": ("{path}：フォルダー {folder} に書き込めません", "4b0187f8"),
    "snapshot.not_written": ("{path}：書き込めませんでした（{error}）", "36affa48"),
    "snapshot.no_file": ("{path}：スナップショットファイルがありません（作成：python cli.py pull -o {file}）",
                          "ce495fa6"),
    "snapshot.too_large": ("{path}：{size:,} バイトはスナップショットとして大きすぎます", "c5191941"),
    "snapshot.not_json": ("{name}：JSON のスナップショットではありません（{error}）", "7e52a04a"),
    "snapshot.too_deep": ("{name}：JSON のスナップショットではありません（入れ子が深すぎます）", "af03c1b4"),
    "snapshot.wrong_schema": ("{name}：アカウントのスナップショットではありません（スキーマ {schema!r} が必要）",
                              "d921eae2"),
    "snapshot.no_accounts_list": ("{name}：スナップショットに 'accounts' の一覧がありません", "e82a88d1"),
    "snapshot.upload_too_large": ("{name}：{size:,} バイトは大きすぎます", "2373d08f"),
    "snapshot.no_account": ("スナップショットにアカウントがありません", "822da56f"),
    "snapshot.unknown_account": ("スナップショットにアカウント {account!r} はありません。含まれるもの：{labels}",
                                 "afc7327c"),
    "snapshot.region_not_read": ("リージョン {region!r} はアカウント {label!r} について読み込まれていません。読み込み済"
                                 "み：{read}", "031c2c5e"),
    # ---- a design from an account snapshot (aws/importer.py)
    "account_import.nothing": ("取り込むものがありません：このスナップショットのここには API、関数、テーブル、バケッ"
                               "ト、キューがありません", "61f35ad6"),
    "account_import.nothing_picked": ("取り込むものがありません：選んだ名前に一致する API、関数、テーブル、バケット"
                                      "、キューがありません", "2eee3ae1"),
    "account_import.too_many": ("リソースが {n} 個あります。1 つの設計は {most} 個までです：取り込むものを選んでくださ"
                                "い", "89bfafe0"),
    "account_import.region_priced": ("価格表があるのは {regions} だけです：設計は us-east-1 の価格で計算します（リソー"
                                     "スは {region}）", "03debd95"),
    "account_import.requests": ("`workload.requests_per_month`：月 {n:,} 件のクライアントリクエスト", "b411d56a"),
    "account_import.duration": ("`{id}.duration_ms`：1 回の呼び出しあたり 100 ms", "a27ea72b"),
    "account_import.provisioned_capped": ("{id}：プロビジョンド同時実行数 {provisioned} を予約同時実行数 {cap} に抑えま"
                                          "した", "7bd6f0ba"),
    "account_import.invocations": ("`{id}.invocations_per_month`：0（API の後ろにないため。トラフィックを追加してくださ"
                                   "い）", "fab02e83"),
    "account_import.table_traffic": ("`{id}.reads_per_month` / `writes_per_month`：0", "5cebcbb8"),
    "account_import.bucket_traffic": ("`{id}.puts_per_month` / `gets_per_month`：0", "71529eb8"),
    "account_import.no_storage_metric": ("{id}：{name!r} の CloudWatch ストレージメトリクスがないため、"
                                         "`storage_gb` は 0 "
                                         "にしました", "101e1280"),
    "account_import.queue_traffic": ("`{id}.messages_per_month`：0", "edfba2a7"),
    # ---- the Price List refresh (aws/price_list.py)
    "refresh.pricing_region": ("AWS Price List API が応答するのは {regions} だけです（{region} ではありません）",
                               "b05abf9b"),
    "refresh.no_products": ("一致する商品がありません", "3b2379b8"),
    # ---- importers' refusals: files and formats
    "import.no_tf_files": ("{path}：このディレクトリに .tf ファイルがありません{why}", "6c2d2d90"),
    "import.not_a_file": ("{path}：{kind}。テンプレートファイル、.tf ファイル、または .tf ファイルのディレクトリを指定"
                          "してください", "82494772"),
    "import.no_such_file": ("{path}：ファイルもディレクトリもありません", "4b28f2a9"),
    "import.cannot_read": ("{path}：読み込めません（{error}）", "127ccaa7"),
    "import.too_many_files": ("{directory}：Terraform ファイル {n:,} 個は多すぎて取り込めません（1 ディレクトリ {limit}"
                              " 個まで）", "49e2cf29"),
    "import.directory_too_large": ("{directory}：Terraform ファイルの合計が {limit:,} バイトを超え、大きすぎて取り込め"
                                   "ません（1 ディレクトリ {limit:,} バイトまで）", "89497205"),
    "import.not_regular": ("{path}：通常のファイルではありません（{kind}）。テンプレートファイルを指定してください",
                           "8c9d9833"),
    "import.no_supported": ("{source}：対応するリソース（Lambda、API Gateway、DynamoDB、S3、SQS、SNS、Step Functions、"
                            "EventBridge、Kinesis、CloudFront など）が見つかりません", "e358e486"),
    "import.too_many": ("{source}：対応するリソースが {n} 個あります。1 つの設計は {most} 個までです（テンプレー"
                        "トを分割してください）", "04a92b6d"),
    "import.no_resources": ("{source}：CloudFormation / SAM のテンプレートではありません（Resources セクションがあり"
                            "ません）{hint}", "b6701c53"),
    "import.no_type": ("{source}：Resources.{lid}：リソースには Type が必要です", "8f625caa"),
    "import.expected_mapping": ("{name}：マッピングでなければなりません", "c4f918d1"),
    "import.empty": ("{file}：ファイルが空です", "72bc0241"),
    "import.not_template": ("{file}：テンプレートではありません（Resources を持つマッピングが必要ですが {got} でした）",
                            "b527f710"),
    "import.bad_json": ("{file} {line} 行 {column} 列：JSON として正しくありません（{error}）", "ebf9deb1"),
    "import.bad_yaml_char": ("{file}：YAML として正しくありません（{offset:,} 文字目の文字 {char} は YAML で使え"
                             "ません）",
                             "b4701445"),
    "import.bad_yaml": ("{file}{where}：YAML として正しくありません（{problem}）", "49c406a2"),
    "import.not_yaml": ("YAML として正しくありません", "a54d6a35"),
    "import.where_line": (" {line} 行目", "dab5139f"),
    "import.where_line_column": (" {line} 行 {column} 列", "741a194b"),
    "import.not_constructed": ("ローダーが作らない値", "9c6bbcb2"),
    "import.python_object": ("{file}{where}：拒否しました：{tag} は Python オブジェクトを作ります", "f46eec48"),
    "import.yaml_aliases": ("{line} 行目：YAML のエイリアス（*name）はテンプレートでは使えません。値をそのまま書いてく"
                            "ださい", "7f1ac900"),
    "import.unknown_tag": ("{line} 行目：不明な組み込み関数タグ !{tag}", "1890fc22"),
    "import.bad_hcl_at": ("{file} {line} 行 {column} 列：HCL として正しくありません", "3246b559"),
    "import.bad_hcl": ("{file}：HCL として正しくありません（{error}）", "b3c0dce7"),
    # ---- importers' refusals: parameters and intrinsic functions
    "import.param_not_allowed": ("パラメーター {name}={text}：使えない値です。使えるもの：{allowed}", "ba21a465"),
    "import.param_number": ("パラメーター {name}={text}：このパラメーターは数値（Number）です", "07d5d3a5"),
    "import.param_tf_number": ("パラメーター {text!r}：この変数は数値です", "20c434cd"),
    "import.param_unknown": ("パラメーター {name}：{source} にその {kind} はありません（あるもの：{known}）",
                             "827bc516"),
    "import.unknown_intrinsic": ("{where}：不明な組み込み関数 {key}", "ecfbfe62"),
    "import.condition_name": ("Condition には条件名が必要ですが {got} でした", "10dccb6f"),
    "import.condition_undefined": ("Conditions：条件 {name!r} が定義されていません", "afbbc545"),
    "import.condition_cycle": ("Conditions：条件 {name!r} が自分自身に依存しています", "1a3e515e"),
    "import.ref_name": ("Ref には名前が必要ですが {got} でした", "8b112716"),
    "import.takes_n_args": ("{name} には {count} 個の引数のリストが必要ですが {got} でした", "20461ac6"),
    "import.sub_args": ("Fn::Sub には文字列（と変数のマップ）が必要ですが {got} でした", "9c01e149"),
    "import.select_index": ("Fn::Select：インデックス {index} が整数ではありません", "b607f002"),
    "import.select_outside": ("Fn::Select：インデックス {index} が {n} 個のリストの範囲外です", "b5bdb3af"),
    "import.findinmap_args": ("Fn::FindInMap には 3 個の引数のリストが必要ですが {got} でした", "17c8e612"),
    "import.takes_list": ("{name} にはリストが必要ですが {got} でした", "cfb55473"),
    "import.what_list_or_mapping": ("リストまたはマッピング", "f29fe347"),
    # ---- observe: entries of this feature go here (one block per feature keeps merges clean)
    "observe.provenance": ("{path}：{value} — 実測：{window}（{source}）", "30b04632"),
    "observe.assumed": ("{path}：実測なし（{why}）。設計の値は仮定のままです", "38a54fff"),
    "observe.resolution": ("--resolution {value!r}：hour か minute を指定してください", "43f3814d"),
    "observe.days": ("--days {days}：{resolution} 単位では 1〜{most} 日を指定してください"
                     "（CloudWatch は 1 分単位のデータを 15 日間保持します。1 時間単位は最大 63 日分を読みます）",
                     "d88495d3"),
    "observe.file_too_large": ("{path}：観測ファイルとしては大きすぎます", "cbeb967b"),
    "observe.file_unreadable": ("{path}：観測ファイルではありません（{error}）", "7887e77b"),
    "observe.file_schema": ("{path}：観測ファイルではありません（schema は {schema} である必要があります）",
                            "c2dcff03"),
    "observe.file_shape": ("{path}：観測ファイルの形式が正しくありません（{error}）", "a032af29"),
    "observe.gap": ("読み取れなかったもの：{gap}", "f77f55f1"),
    # ---- end observe
    # ---- scale: entries of this feature go here (one block per feature keeps merges clean)
    "scale.factor_out_of_range": ("--scale：{value:g} は指定できません。現在のトラフィックに対する倍率を {low:g} から "
                                  "{high:g} の範囲で指定してください（例：3 倍なら 3）", "db52a75b"),
    "reconcile.billed_nothing": ("{key}：AWS の請求は {quantity:,.0f} {unit} に対して USD 0.00 — 請求上は無料"
        "利用枠内（またはクレジット）、見積もりは USD {usd:,.2f}", "0f42cfd6"),
    "reconcile.cost_factor": ("{key}：請求 USD {billed_usd:,.2f}、見積もり USD {usd:,.2f} — ×{ratio:.2f} の"
        "ずれ（量または設定がその倍率でずれています）", "bc515564"),
    "reconcile.credit": ("{service} {usage}：クレジットまたは返金 USD {usd:,.2f} — 比較から除外（見積"
        "もりにクレジットはありません）", "b6ee61aa"),
    "reconcile.free_tier_used": ("{key}：請求 USD {usd:,.2f}。見積もりでは無料利用枠で賄われる — アカウントの"
        "無料利用枠は他のワークロードと共有です（または 1 年目の枠が終了）", "e39ffcb1"),
    "reconcile.incomplete": ("Cost Explorer には読み込んだ {pages} ページより多くのページがありました。請"
        "求額は不足しています", "66184819"),
    "reconcile.lacks_dimension": ("{usage}：請求 USD {usd:,.2f}、見積もりになし — 設計に欠けている項目（{key}）",
                                  "fd2ff3f0"),
    "reconcile.lacks_unpriced": ("{usage}：請求 USD {usd:,.2f}、見積もりになし — 設計に欠けている項目（または"
        "サービス）。プランナーはこの使用タイプを価格に含めていません", "536d8cd2"),
    "reconcile.month": ("--month：{value!r} は月ではありません。YYYY-MM で指定してください（例：2026-"
        "10）", "223e1446"),
    "reconcile.month_hours": ("見積もりは {estimate:,.0f} 時間の月です。{month} は {hours} 時間（時間単位で"
        "課金されるもの — ストレージ、プロビジョンドキャパシティ — は {change:+.1%}）", "238ef262"),
    "reconcile.no_month": ("Cost Explorer の回答に月がありません", "76a16b86"),
    "reconcile.not_billed": ("{key}：見積もり USD {usd:,.2f}、その使用タイプの請求なし — その月は使われな"
        "かったか、プランナーが対応付けていない使用タイプで請求されています", "7c1a6696"),
    "reconcile.other_region": ("{service} {usage}：別のリージョン（プレフィックス {prefix}）の USD {usd:,.2f"
        "} — 比較から除外（設計は {region}）", "1fc4ea8f"),
    "reconcile.tax": ("{usage}：税 USD {usd:,.2f} — 比較から除外（見積もりは税抜き）", "78caa30a"),
    "reconcile.volume_factor": ("{key}：請求 {billed:,.0f} {unit}、見積もり {estimated:,.0f} — 量が ×{ratio:."
        "2f} ずれています（請求 USD {billed_usd:,.2f}、見積もり {usd:,.2f}）", "42d42fa5"),
    # ---- end scale
    # ---- region: entries of this feature go here (one block per feature keeps merges clean)
    "design.region_code": ("{value!r} は AWS の商用リージョンのコードではありません（us-east-1 や eu-west-1 など）",
                           "bdd181e9"),
    "design.region_no_catalog": (
        "region：{region} にはまだ価格表がありません。価格ページの「価格を更新」か "
        "`python cli.py prices refresh --region {region}` で AWS Price List の公開価格ファイルから作成し"
        "（認証情報は不要です）、もう一度見積もってください。価格表のあるリージョン：{regions}", "2570f7fb"),
    "refresh.via": ("価格の取得元は {vias} のどちらかです（{via!r} ではありません）", "8df8c492"),
    "estimate.built_catalog.warning": (
        "{region} の価格は、{date} に AWS Price List から作成した価格表のものです（このリージョンの同梱の価格表は"
        "ありません）。Price List になかった価格は 0 ではなく「価格なし」になります", "5f72f7f4"),
    "refresh.not_a_region": ("{region!r} は AWS の商用リージョンのコードではありません（eu-west-1 など）。"
                             "同梱の価格表：{regions}", "4530f788"),
    "refresh.bundled_stays": ("同梱の価格表をそのまま使います", "78fa70f5"),
    "refresh.no_catalog_written": ("価格表は作成していません", "4dcc8278"),
    "refresh.nothing_for": ("{region} の価格を 1 件も更新できませんでした（{reason}）。{kept}", "13b69393"),
    "offers.timeout": ("{url} から {seconds} 秒以内に応答がありませんでした", "4c852d79"),
    "offers.unreachable": ("{url} に接続できませんでした（{reason}）。このマシンはオフラインか、"
                           "プロキシの内側にありませんか", "f27f56a5"),
    "offers.connection_failed": ("{url} への接続に失敗しました（{error}）", "cda28ea2"),
    "refresh.failed_read": ("{item} の{operation}：{code}。{message}", "d0169c1f"),
    "refresh.call.offer_file": ("価格ファイル", "a5d5d834"),
    "refresh.code.unreachable": ("接続できません", "aa284d0c"),
    "refresh.code.timeout": ("タイムアウト", "d4c45de0"),
    "import.region_code": ("リージョン {region!r} は AWS の商用リージョンのコードではありません。"
                           "同梱の価格表：{allowed}。ほかの商用リージョン（eu-west-1 など）は "
                           "`python cli.py prices refresh --region R` の後に使えます", "655177b2"),
    "account_import.region_refresh": ("{region} の価格で計算するには、`python cli.py prices refresh --region {region}` "
                                      "でそのリージョンの価格表を作成してから、もう一度取り込んでください", "e463e4d2"),
    # ---- end region
    # ---- services: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end services
    # ---- modules: entries of this feature go here (one block per feature keeps merges clean)
    "import.tf_instances": ("{where}：構成を展開するとリソースとモジュールのインスタンスが {"
        "limit:,} 個を超え、多すぎて取り込めません", "a48b42c2"),
    "import.tf_module_cycle": ("{where}：source {source!r} はこのブロックを含む"
        "モジュールです（循環）。Terraform もこれを拒否します", "5ba74f8e"),
    "import.tf_module_depth": ("{where}：モジュールの入れ子が {n} 段を超えています。深すぎて"
        "取り込めません", "56b068ba"),
    "import.module_root_outside": ("--module-root {root}：取り込むフォルダー {base"
        "} を含むフォルダーを指定してください", "78104e15"),
    "import.no_supported_hidden": ("{source}：対応するリソース（Lambda、API Gateway、DynamoDB、S3、SQS、SNS、"
                                   "Step Functions、EventBridge、Kinesis、CloudFront など）が見つかりません。含んでいる"
                                   "可能性があるもの：{hidden}", "e7af3aff"),
    "import.hidden_remote": ("{where}（{source}）：レジストリまたはリモートのモジュール"
        "で、たどっていません", "c52b88a7"),
    "import.hidden_no_folder": ("{where}（{source}）：アップロードされたファイルにはフォル"
        "ダーがないため、たどっていません", "b142af97"),
    "import.hidden_outside": ("{where}（{source}）：取り込んだフォルダーの外にあり、たど"
        "っていません", "1facfb0b"),
    "import.hidden_missing": ("{where}（{source}）：フォルダーがありません", "bdfefd34"),
    "import.hidden_tf_functions": ("Lambda 関数 {n} 個が count = 0 または空の for"
        "_each で除外されています（{shown}）", "953063aa"),
    "import.hidden_part": ("{part}", "0f291039"),
    "import.hidden_more": ("ほか {n} 件", "6963af2d"),
    "import.cfn_stack_cycle": ("{where}：{path} はこのスタックを含むテンプレートです（循環"
        "）", "7adb661f"),
    "import.cfn_stack_depth": ("{where}：ネストされたスタックが {n} 段を超えています。深すぎ"
        "て取り込めません", "22d03f58"),
    "import.hidden_stack": ("{where}（{location}）：ネストされたスタックをたどってい"
        "ません（{why}）", "440848a8"),
    "import.hidden_conditions": ("関数 {n} 個が偽の Condition で除外されています（{con"
        "ditions}）", "0cb5172e"),
    "import.zip_too_large": ("{name}：{size:,} バイトは .zip のアップロードには大"
        "きすぎます（上限 {limit:,} バイト）", "dd881a70"),
    "import.zip_bad": ("{name}：正しい .zip ファイルではありません", "cbdc31c0"),
    "import.zip_entries": ("{name}：項目 {n:,} 個は .zip のアップロードには多すぎ"
        "ます（上限 {limit:,}）", "390ae6f0"),
    "import.zip_total": ("{name}：取り込むファイルは展開すると {limit:,} バイトを"
        "超えます", "0276b07a"),
    "import.zip_entry": ("{name}：項目 {entry!r} は {why} のため展開しませ"
        "ん", "219a0cff"),
    "import.zip_file_large": ("{name}：{entry} は {limit:,} バイトを超えていま"
        "す", "c57f3c9a"),
    "import.zip_bad_entry": ("{name}：{entry} を展開できません", "33af9be5"),
    "import.zip_nothing": ("{name}：.zip に .tf ファイルも YAML・JSON のテ"
        "ンプレートもありません", "157f848e"),
    "import.zip_ambiguous": ("{name}：同じ階層に候補が複数あります（{shown}）。フォルダー"
        " 1 つまたはテンプレート 1 つを zip にしてください", "ae7f4d63"),
    "import.zip_why_outside": ("フォルダーの外を指すパス", "8ff67d98"),
    "import.zip_why_link": ("シンボリックリンク", "927effb7"),
    "import.zip_why_encrypted": ("暗号化されている", "d9234297"),
    "import.stack_why_sar": ("Serverless Application Repository のア"
        "プリケーション", "fd674505"),
    "import.stack_why_unknown": ("{prop} が不明（{why}）", "62b27e78"),
    "import.stack_why_none": ("{prop} がありません", "f2a84d13"),
    "import.stack_why_url": ("アップロード済みのテンプレート（S3 または https の URL）", "a6bfc214"),
    "import.stack_why_upload": ("アップロードされたファイルにはフォルダーがありません", "088270b6"),
    "import.stack_why_absolute": ("絶対パス", "3807a72e"),
    "import.stack_why_outside": ("取り込んだフォルダーの外", "8255c9e8"),
    "import.stack_why_missing": ("ファイルがありません", "220d081e"),
    # ---- end modules
    # ---- sls: entries of this feature go here (one block per feature keeps merges clean)
    "import.sls_empty": ("{source}：関数もリソースもない serverless.yml です。インポートするものが"
                         "ありません", "7463c65b"),
    "import.sls_provider": ("{source}：プロバイダー {name!r} は AWS ではありません。インポートできるのは "
                            "provider.name が aws のものだけです", "1d1d0c86"),
    "import.sls_text_too_long": ("変数の展開で {n:,} 文字を超えるテキストになります", "226c2008"),
    "import.sls_too_deep": ("変数の入れ子が {n} 階層を超えています", "a418054d"),
    "import.sls_variable": ("{path}：変数 {text} を解決できません（{why}）", "dd443eab"),
    "import.sls_param": ("--param {name} = {value}", "7baf5dcb"),
    "import.sls_plugins": ("プラグインは実行していません：{names}。プラグインが追加するリソースや設定は設計に含まれ"
                           "ません", "eb8e4bb1"),
    "import.sls_ids": ("関数はファイル内のキーを ID にしています。レポートはフレームワークの論理 ID で表記します"
                       "（{ids}）", "c18f32b7"),
    "import.sls_existing_bucket": ("{where}：バケット {bucket} は既存です（existing: true。このサービスでは作成しま"
                                   "せん）。アップロードが {function} を起動するため設計に含めています", "ddf94659"),
    "import.sls_default_runtime": ("{where}：ランタイムの指定がありません。フレームワークの既定は Node.js のランタイム"
                                   "です（runtime: nodejs）", "f8f3beb6"),
    "import.sls_too_many_nodes": ("変数による値のコピーが {n:,} 個を超えました（同じ値の参照の繰り返し）", "1846896a"),
    "import.sls_too_many": ("変数の評価が {n:,} 回を超えました（互いに参照し合う変数の繰り返し）", "22abf4f7"),
    # ---- end sls
    # ---- kinesis
    "design.kinesis_needs_shards": ("mode: provisioned には shards（1 以上）が必要です", "b3951494"),
    "design.kinesis_shards_provisioned_only": (
        "shards は mode: provisioned のときだけ指定できます（オンデマンドのストリームはシャードを自動で増"
        "減します）", "8b4ef31b"),
    "kinesis.write.limit": (
        "{shards} シャードの書き込みスループット（1 シャードあたり 1,000 レコード/秒または 1 MB/秒）", "874e9b38"),
    "kinesis.write.action": (
        "シャードを追加する（最も混む 1 分には {needed:,} シャードが必要です。UpdateShardCount）、小さな"
        "レコードを集約する（KPL）、または {id} をオンデマンドモードに切り替えてください。", "57d0952d"),
    "kinesis.write_on_demand.limit": (
        "オンデマンドの書き込みキャパシティ（過去 30 日間のピークの 2 倍、最低 4 MB/秒または 4,000 レコー"
        "ド/秒）", "ba9b7394"),
    "kinesis.write_on_demand.action": (
        "スパイクの前にストリームをウォームアップする（オンデマンド Advantage のウォームスループット、ま"
        "たはプロビジョンドのシャード）か、プロデューサーのバーストを平準化してください。", "309f5c5e"),
    "kinesis.write.consequence": (
        "月に {n:,.0f} レコードが ProvisionedThroughputExceededException で拒否されます。プロデューサーは"
        "再試行し（レイテンシーが増えます）、再試行が尽きると失われます。", "c02446e8"),
    "kinesis.account_shards.limit": ("{region} のアカウントあたりのシャード数", "bd0c61b3"),
    "kinesis.account_shards.consequence": (
        "設計のプロビジョンドストリームには {total:,} シャードが必要です。クォータを超えると CreateStream"
        " と UpdateShardCount が LimitExceededException で失敗します。", "a0d088f4"),
    "kinesis.account_shards.action": (
        "デプロイ前に Service Quotas でシャードクォータの引き上げを申請するか、オンデマンドのストリームを"
        "使ってください。", "6abeba99"),
    "kinesis.on_demand_streams.limit": ("アカウントおよびリージョンあたりのオンデマンドストリーム数", "0f2ea83a"),
    "kinesis.on_demand_streams.consequence": (
        "{n} 個のオンデマンドストリームはデフォルトの {quota:,.0f} を超えています。これ以上の作成は失敗し"
        "ます。", "58858099"),
    "kinesis.on_demand_streams.action": (
        "AWS サポートにクォータの引き上げを依頼するか、一部のストリームをプロビジョンドにしてください。", "6b7c6742"),
    "firehose.direct_put.limit": (
        "{region} の Direct PUT クォータ（レコード/秒、リクエスト/秒、MiB/秒の合算。1 リクエストあたり {p"
        "er_request} レコード）", "66ef22f9"),
    "firehose.direct_put.consequence": (
        "Firehose がストリームの上限を自動で引き上げるまで、月に {n:,.0f} レコードが拒否されます（Service"
        "UnavailableException）。プロデューサーは再試行する必要があります。", "cc2ed9d3"),
    "firehose.direct_put.action": (
        "レコードをまとめて送る（PutRecordBatch、1 リクエストあたり最大 500 件：リクエストあたりのレコード数）、上"
        "限の引き上げを申請する、または前段に Kinesis ストリームを置いてください。", "eab0d5d9"),
    "kinesis.read.limit": (
        "{n} 個の標準コンシューマーが共有する読み取りスループット（1 シャードあたり 2 MB/秒と 5 GetRecord"
        "s/秒）", "c6bb33bb"),
    "kinesis.read.consequence": (
        "月に {n:,.0f} 件のレコード読み取りが次のポーリングまで待たされます（ReadProvisionedThroughputExc"
        "eeded）。コンシューマーは遅れ、保持期間を過ぎたレコードは失われます。{consumers} 個の標準コンシ"
        "ューマーが各シャードの 5 GetRecords/秒を分け合ってポーリングします。", "3e1b7605"),
    "kinesis.read.action": (
        "最も負荷の高いコンシューマーに拡張ファンアウトを使う（拡張ファンアウトのコンシューマー数："
        "1 シャードあたり専用の 2 MB/秒）か、シャードを追加してください。", "188171b4"),
    "unit.records_per_s_busiest": ("レコード/秒（最も混む 1 秒）", "310bc9f5"),
    "unit.record_reads_per_s": ("レコード読み取り/秒（すべての標準コンシューマー）", "7cc03e6d"),
    "unit.shards": ("シャード", "c9fa074c"),
    "unit.streams": ("ストリーム", "0298f8ea"),
    # ---- end kinesis
    # ---- wiring: batch settings (models/design/batch_rules.py)
    "design.batch_needs_source": (
        "{where}.batch_size / batching_window_s：'from' が SQS キュー、DynamoDB テーブル（そのストリーム）または "
        "Kinesis ストリームである関数にのみ指定できます", "259036b0"),
    "design.batch_window_fifo": (
        "{where}.batching_window_s：FIFO キューにはバッチウィンドウがありません（AWS の仕様）。削除するか標準キューを"
        "使ってください", "ef394534"),
    "design.batch_size_fifo": ("{where}.batch_size {size}：FIFO キューでは 10 以下です", "42099204"),
    "design.batch_size_window": ("{where}.batch_size {size}：SQS キューから 10 を超えて受け取るには "
                                 "batching_window_s を 1 以上にする必要があります（AWS の仕様）", "3514c75c"),
    # ---- end wiring
    # ---- kms
    "design.kms_aws_rotations": (
        "`rotations` はカスタマーマネージドキーにのみ指定できます（`managed_by: customer`）", "1ba1a46a"),
    "design.kms_key_unknown": (
        "components[{i}] ({id}).kms_key：「{name}」という KMS コンポーネントはありません。"
        "KMS コンポーネント：{known}",
        "b1ccb215"),
    "design.kms_not_driven": (
        "KMS キーは `keys` と、`kms_key` でこのキーを指定したコンポーネントのリクエストで計上します。"
        "`from` では駆動されません",
        "9152264f"),
    "design.waf_not_driven": (
        "ウェブ ACL は `protects` に指定したコンポーネントへのリクエストを検査します。`from` では駆動されません",
        "12ab9b9d"),
    "design.waf_protects": (
        "components[{i}] ({id}).protects：「{name}」は設計内の CloudFront ディストリビューションでも "
        "REST API でもありません。ウェブ ACL はこれら（`type: cloudf"
        "ront`、または `api: rest` の `api_gateway`）を保護します",
        "584079ce"),
    "design.waf_protects_twice": (
        "components[{i}] ({id}).protects：「{name}」はすでに {other} が保護しています。"
        "AWS が関連付けられるウェブ ACL は 1 リソースにつき 1 つです", "0bdfa2ba"),
    "kms.request_quota.limit": (
        "アカウントで共有する KMS の暗号化オペレーションの毎秒リクエスト数（{region}、{quota:,.0f}）", "aa80afe6"),
    "kms.request_quota.consequence": (
        "月 {n:,.0f} 件の KMS リクエストがスロットリング（ThrottlingException）されます。その背後の S3 のアップロード"
        "とダウンロード、キューへの送信、テーブルの読み込みが失敗または再試行になります。{users} はアカウント内の他の"
        " KMS の利用とクォータを共有しています。", "8b05461e"),
    "kms.request_quota.action": (
        "S3 バケットキーを有効にする、SQS "
        "のデータキー再利用期間（秒）を延ばす、"
        "またはクォータの引き上げ（Service Quotas の `Cryptographic"
        " operations (symmetric) request rate`）をリクエストし"
        "てください。", "11cea91f"),
    "unit.kms_requests_per_s_busiest": ("KMS リクエスト/秒（最も多い 1 秒）", "e8a4f631"),
    "unit.requests_per_ip_window": ("評価ウィンドウ内のクライアント IP あたりリクエスト数", "5443a454"),
    "waf.rate_rule.limit": ("レートベースのルール：{window} 秒あたりクライアント IP ごとに {limit:,.0f} リクエスト",
                            "6a0241aa"),
    "waf.rate_rule.consequence": (
        "設計自身のクライアントからのリクエストのうち月 {n:,.0f} 件がレートベースのルールでブロック（403）されます。"
        "ピーク時のトラフィックを {clients:,} 個の IP で分け合い、1 つあたり {window} 秒に約 {peak:,.0f} リクエストで"
        "す。", "60dfe7b9"),
    "waf.rate_rule.action": (
        "レートベースのルールの上限を最も多いクライアントのウィンドウあた"
        "りリクエスト数より上げる、送信元 IP の代わりにヘッダーや転送"
        "された IP で集約する、または攻撃に使われるパスにルールの範囲を絞ってください。", "c9a7ea56"),
    "waf.rate_rule.no_clients": (
        "このルールはクライアント IP ごとにリクエストを数えますが、設計にはトラフィックの送信元 IP の数がありません",
        "1c05cefa"),
    "waf.rate_rule.clients_action": (
        "{id} の `clients`（ピーク時のクライアント IP アドレ"
        "ス数。1 つの NAT の背後のユーザーは 1 つと数えます）を指定し"
        "てください。", "b6a3d8e9"),
    # ---- end kms
    # ---- sfn
    "design.sfn_express_duration": (
        "duration_ms {value:g} は Express ワークフローの上限 {most:,} ms（5 分）を超えています。workflow: sta"
        "ndard を使ってください", "28439f02"),
    "design.sfn_sync_express_only": (
        "sync: true（StartSyncExecution）は Express ワークフロー（workflow: express）にだけ指定できます", "731f5b12"),
    "design.eventbridge_bus_only": (
        "{fields} はイベントバス（kind: bus）にだけ指定できます（kind: {kind} には指定できません）", "cc6a00c9"),
    "design.eventbridge_pipe_only": (
        "filter_pass_ratio はパイプ（kind: pipe）にだけ指定できます（kind: {kind} には指定できません）", "aba183c2"),
    "word.sfn_standard": ("Standard", "2dfa6607"),
    "word.sfn_express": ("Express", "8b652040"),
    "unit.executions_per_s_busiest": ("実行/秒（最も混む 1 秒）", "25e766f5"),
    "unit.transitions_per_s_busiest": ("状態遷移/秒（最も混む 1 秒）", "0c0eb636"),
    "unit.events_per_execution": ("実行あたりの履歴イベント数", "1c4f011d"),
    "unit.put_events_per_s_busiest": ("PutEvents/秒（最も混む 1 秒）", "45bea869"),
    "stepfunctions.start_execution.limit": (
        "アカウントとリージョンあたりの 1 秒間の StartExecution 数、{workflow} ワークフロー（トークンバケット"
        "、バケットサイズ {burst:,.0f}）", "fef5524c"),
    "stepfunctions.start_execution.consequence": (
        "StartExecution のバケットを超えて開始した実行は ThrottlingException で失敗します。リージョン内のすべ"
        "ての {workflow} ステートマシンで共有されます。", "6d6c618b"),
    "stepfunctions.start_execution.action": (
        "StartExecution のクォータ引き上げをリクエストするか、キューを挟んでピークをならすか、項目をまとめて"
        "実行数を減らしてください（Map ステート）。", "0d726c71"),
    "stepfunctions.state_transition.limit": (
        "アカウントとリージョンあたりの 1 秒間の状態遷移数、Standard ワークフロー（トークンバケット、バケット"
        "サイズ {burst:,.0f}）", "cef85dbd"),
    "stepfunctions.state_transition.consequence": (
        "バケットを超えた状態遷移は遅延します（ExecutionThrottled）。実行が遅くなり、クライアントが待つ実行は"
        "タイムアウトします。", "cddb5347"),
    "stepfunctions.state_transition.action": (
        "StateTransition のクォータ引き上げをリクエストするか、短く大量の処理を Express ワークフロー（状態遷"
        "移のクォータなし）に移すか、実行あたりのステート数を減らしてください。", "43574610"),
    "stepfunctions.history.limit": ("実行履歴（{limit:,.0f} イベント、Standard）", "e98e4d72"),
    "stepfunctions.history.consequence": (
        "1 回の実行で約 {events:,} 件の履歴イベントを書き込みます。{limit:,.0f} 件に達すると実行は失敗します"
        "。", "22a21fc2"),
    "stepfunctions.history.action": (
        "上限に達する前に新しい実行として続ける（タスクステートから StartExecution）か、ループを分散マップや"
        "子の Express ワークフローに移してください。", "18e1e14b"),
    "eventbridge.put_events.limit": ("{region} のアカウントあたりの 1 秒間の PutEvents リクエスト数", "e812bd2a"),
    "eventbridge.put_events.consequence": (
        "リージョンのクォータを超えた PutEvents 呼び出しは ThrottlingException で失敗します。発行側が再試行し"
        "ないとイベントは失われます。", "8114633e"),
    "eventbridge.put_events.action": (
        "PutEvents 1 回に最大 10 件のエントリをまとめる（PutEvents あたりのエントリ数を増やす）か、"
        "クォータ引き上げをリクエストする（Service Quotas L-9B653E91）か、SQS/SNS を挟んでピークをならしてください。",
        "ab2dba6c"),
    # ---- end sfn
    # ---- s3x
    "design.s3_expiration_order": (
        "expiration_days：{days} が最後の移行（{last} 日）より後ではあ"
        "りません", "52861ea1"),
    "design.s3_lifecycle_horizon": (
        "new_gb_per_month／lifecycle：expiration_days（オブ"
        "ジェクトが期限切れになり、バケットが定常状態になる）または history_days（デー"
        "タが届き続けている日数。期限切れがないと保存量は毎月増えます）を指定してください", "0776d0c9"),
    "design.s3_tiers_sum": (
        "intelligent_tiering：infrequent（{infrequent:g}"
        "）と archive_instant（{archive:g}）の合計が 1 を超えています"
        "。データの割合の合計は 1 以下にしてください（残りは高頻度アクセス階層）", "e02dad7e"),
    "design.s3_transition_30_days": (
        "lifecycle[{i}].days：{days} は早すぎます。S3 がオブジェクトを"
        " {target} に移すのは作成から 30 日以上経ってからです", "6e332e5f"),
    "design.s3_transition_not_supported": (
        "lifecycle[{i}]：S3 は {source} から {target} へオブジ"
        "ェクトを移行できません。{source} からの移行先：{allowed}", "1483483e"),
    "design.s3_transition_order": (
        "lifecycle[{i}].days：{days} が前の移行（{previous} 日"
        "）より後ではありません。移行は日数の順に指定してください", "44d90774"),
    "s3.archive_overhead.warning": (
        "{id}：{cls} にアーカイブされる各オブジェクトには 40 KB の課金対象メタデー"
        "タ（S3 標準で 8 KB、アーカイブ料金で 32 KB）が加わりますが、ここでは計上して"
        "いません", "9e2aec69"),
    "secrets_manager.cache_needs_function.warning": (
        "{id}：キャッシュ TTL（秒）は関数からの読み取り（上流が Lambda 関数）にだけ"
        "適用されます。すべての読み取りを計上しています", "42166442"),
    "secrets_manager.cold_starts_estimated.warning": (
        "{id}：コールドスタート数が不明です（ランタイムの情報なし）。ビジー同時実行数の増加を新"
        "しい実行環境として数えたため、読み取り数は少なめの見積もりです", "2506cd71"),
    "secrets_manager.rate.action": (
        "呼び出しのたびに読み取るのではなく、関数内でシークレットをキャッシュしてください（キャッシ"
        "ュ TTL（秒）。Secrets Manager 用の Lambda 拡張機能など）。", "1bc42fd5"),
    "secrets_manager.rate.action.cached": (
        "キャッシュ TTL（秒）を長くするか、実行環境ごとに INIT で 1 回だけシークレット"
        "を読み取ってください。", "76143013"),
    "secrets_manager.rate.consequence": (
        "ピーク時にこの設計はシークレットを毎秒 {peak:,.0f} 回読み取り、クォータは {"
        "limit:,.0f} です。{id} による月 {throttled:,.0f} 回の読"
        "み取りがスロットリングされます。", "7ea89410"),
    "secrets_manager.rate.limit": (
        "GetSecretValue リクエスト/秒（アカウント・リージョンごと、すべての呼び出し"
        "元で共有）", "2d50dcd7"),
    "unit.reads_per_s_minute_peak": (
        "読み取り/秒（1 分間のピーク）", "4d1bb004"),
    "word.s3_glacier_deep_archive": (
        "S3 Glacier Deep Archive", "514fd0c5"),
    "word.s3_glacier_flexible": (
        "S3 Glacier Flexible Retrieval", "228087de"),
    # ---- end s3x
}


#: messages whose `allowed` is pydantic's English list of choices ("'x86_64' or 'arm64'"): joined with 、 in Japanese
LISTED_CHOICES = frozenset({"design.value_not_allowed"})


def say(message, lang: str):
    """`message` in the app's language: Japanese for "ja" when the catalog has its id, else the English
    (for "en" the message itself, which is its English text).

    Text that is not a Message (ids, "—", figures) comes back unchanged.
    """
    if lang != "ja" or not isinstance(message, Message):
        return message
    return _ja(message)


def _ja(message: Message) -> str:
    params: dict[str, Any] = {k: _ja(v) if isinstance(v, Message) else v for k, v in message.params.items()}
    if "price_dimensions" in params:  # (price id, catalog dimension) pairs: AWS's Japanese names
        pairs: tuple[tuple[str, str], ...] = params["price_dimensions"]
        params["dimensions"] = "、".join(dimension_text(pid, "ja", english) for pid, english in pairs)
    if message.id == JOINED:
        return "。".join(str(params[f"p{i}"]) for i in range(len(params)))
    if message.id in LISTED_CHOICES and isinstance(params.get("allowed"), str):  # pydantic's "'a', 'b' or 'c'"
        params["allowed"] = params["allowed"].replace("' or '", "'、'").replace("', '", "'、'")
    entry = JA.get(message.id)
    if entry is None:
        return str(message)
    try:
        return fill(entry[0], params)
    except (KeyError, IndexError, ValueError):  # a catalog entry out of step with its params: show the English
        return str(message)
