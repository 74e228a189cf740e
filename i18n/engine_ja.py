"""Japanese for the engine's own sentences (estimate warnings, readiness checks, DynamoDB plans and
design problems). The engine and the CLI stay English; the app and the Japanese exports call
`localize(text, lang)` where they show these texts.

`RULES` is an ordered list of (compiled regex, Japanese template) pairs, each matched against the
whole message. Named groups fill the template's `{name}` fields verbatim (ids, paths, numbers,
values), except: a group whose name ends in `_w` is looked up in `WORDS` (a fixed English word such
as read/write), and one ending in `_t` is translated again with `to_ja` (the rule only applies if
that inner text translates). A message that matches no rule is tried as "; "-joined parts; text
that still matches nothing is returned unchanged.
"""

from __future__ import annotations

import re

WORDS = {
    "read": "読み込み", "write": "書き込み", "reads": "読み込み", "writes": "書き込み",
    "low": "下限", "expected": "想定", "high": "上限", "none": "なし",
    "least": "以上", "most": "以下", "list": "リスト", "string": "文字列", "value": "値",
    "MB": "MB", "KB": "KB", "GB": "GB", "milliseconds": "ミリ秒", "seconds": "秒", "per month": "月あたりの値",
    "hours": "時間",
    "504 Gateway Timeout": "504 Gateway Timeout（ゲートウェイのタイムアウト）",
    "502 (the function timed out first)": "502（関数が先にタイムアウト）",
    "2 retries": "2 回の再試行", "retries until the records expire (24 h)": "レコードの期限切れ（24 時間）までの再試行",
}

_ID = r"(?P<id>[^:]+?)"  # a component id (or path) before ": "
_N = r"\S+"  # a number as the engine formats it (1,234 / 0.5% / 1e+03 ...)

_TABLE: list[tuple[str, str]] = [
    # ---- estimate warnings (models/costs/estimate.py, lambda_function.py, s3.py, cloudfront.py, dynamodb.py)
    (r"catalog region (?P<a>\S+) differs from the design's region (?P<b>\S+)",
     "価格カタログのリージョン {a} が設計のリージョン {b} と異なります"),
    (r"no price for (?P<p>\S+) in (?P<r>\S+): (?P<c>.+) not fully priced",
     "{r} のカタログに {p} の価格がありません：{c} は全額を計上できていません"),
    (r"(?P<n>\d+) price\(s\) assumed, not published for (?P<r>\S+): (?P<d>.+) \(see each price's note\)",
     "{n} 件の価格は {r} で公表されていないため推定値です：{d}（各価格の注記を参照）"),
    (_ID + r": provisioned concurrency for (?P<h>\S+) h priced on evenly spread traffic "
     r"\(set share_in_provisioned_hours if traffic is concentrated in those hours\)",
     "{id}：{h} 時間分のプロビジョニングされた同時実行は、トラフィックが均等に分散するとして計上しています"
     "（トラフィックがその時間帯に集中する場合は share_in_provisioned_hours を設定してください）"),
    (_ID + r": (?P<p>\S+)% of invocations run past timeout_s (?P<t>\S+) s \(billed up to the timeout, then they fail\)",
     "{id}：呼び出しの {p}% が timeout_s {t} 秒を超えます（タイムアウトまで課金されたうえで失敗します）"),
    (_ID + r": Intelligent-Tiering storage priced at the Frequent Access tier "
     r"\(an upper bound until objects move to cheaper tiers\)",
     "{id}：Intelligent-Tiering のストレージを高頻度アクセス階層の料金で計上しています"
     "（オブジェクトが安い階層へ移るまでの上限値）"),
    (_ID + r": GET from (?P<c>\S+) needs a restore first; restores are not priced here",
     "{id}：{c} からの GET には先に復元が必要です。復元の料金はここでは計上していません"),
    (_ID + r": retrieval from (?P<c>\S+) is not priced here", "{id}：{c} からの取り出しの料金はここでは計上していません"),
    (_ID + r": viewers not given; priced as '(?P<g>.*)'", "{id}：viewers が未指定のため「{g}」として計上しています"),
    (_ID + r": average (?P<k_w>read|write) demand (?P<d>\S+) units/s exceeds provisioned (?P<c>\S+); "
     r"requests will be throttled",
     "{id}：平均{k_w}需要 {d} ユニット/秒がプロビジョニング済みの {c} を超えます。リクエストはスロットリングされます"),
    (r"(?P<p>.+)\.duration_ms not given: assumed 100 ms", "{p}.duration_ms が未指定のため 100 ms と仮定しています"),
    (_ID + r": no traffic given \(no workload volume, no monthly figures, no 'from'\): priced on its settings alone "
     r"\(provisioned capacity, storage\); the readiness checks need its traffic",
     "{id}：トラフィックの指定がありません（ワークロードの量、月間の数値、from のいずれもなし）。設定だけ"
     "（プロビジョニング済みキャパシティ、ストレージ）で料金を計算しています。準備状況のチェックにはトラフィックが必要です"),
    (r"ranges given for (?P<s>.+) and (?P<m>\d+) more: this is the (?P<c_w>\w+) case; the low, expected and high "
     r"cases are three designs evaluated separately",
     "{s} ほか {m} 件に範囲が指定されています：これは{c_w}ケースの見積もりです。下限・想定・上限の各ケースは別々の設計として評価します"),
    (r"ranges given for (?P<s>.+): this is the (?P<c_w>\w+) case; the low, expected and high "
     r"cases are three designs evaluated separately",
     "{s} に範囲が指定されています：これは{c_w}ケースの見積もりです。下限・想定・上限の各ケースは別々の設計として評価します"),
    (r"prices from the catalog refreshed from the AWS Price List on (?P<d>\S+) \((?P<e>\S+)\), not the bundled one",
     "価格は同梱のカタログではなく、{d} に AWS Price List から更新したカタログのものです（{e}）"),

    # ---- design problems: graph (models/design/schema.py _graph_problems) and file (design_text.py, ranges.py)
    (r"(?P<p>components\[\d+\]\.id): '(?P<v>.*)' is used twice; ids must be unique",
     "{p}：'{v}' が 2 回使われています。id は重複できません"),
    (r"(?P<p>.+?\.from): a component cannot be driven by itself", "{p}：コンポーネントを自分自身から駆動することはできません"),
    (r"(?P<p>.+?\.from): '(?P<v>.*)' names no component; components are: (?P<k_w>.+)",
     "{p}：'{v}' という名前のコンポーネントはありません。コンポーネント：{k_w}"),
    (r"(?P<p>.+?\.from): '(?P<v>.*)' \((?P<t>.+)\) passes no events on",
     "{p}：'{v}'（{t}）は下流にイベントを渡しません"),
    (r"components: 'from' links form a cycle: (?P<c>.+)", "components：'from' のつながりが循環しています：{c}"),
    (r"workload\.requests_per_month: missing \(or peak_rps, or users\); it drives (?P<c>.+) "
     r"\(or give those components their own monthly figures\)",
     "workload.requests_per_month：未指定です（peak_rps または users でも可）。これが {c} を駆動します"
     "（またはそれらのコンポーネントに月間の値を個別に指定してください）"),
    (r"(?P<d>design|design file): expected a mapping of fields \(name, region, components, \.\.\.\), got (?P<k>.+)",
     "{d}：項目のマッピング（name, region, components, ...）が必要ですが、{k} でした"),
    (r"design file line (?P<n>\d+): YAML aliases \(\*name\) are not supported",
     "設計ファイル {n} 行目：YAML のエイリアス（*name）には対応していません"),
    (r"design file: (?P<n>\S+) characters is too large; the limit is (?P<m>\S+)",
     "設計ファイル：{n} 文字は大きすぎます。上限は {m} 文字です"),
    (r"design file line (?P<n>\d+) column (?P<c>\d+): not valid JSON \((?P<m>.+)\)",
     "設計ファイル {n} 行目 {c} 列：正しい JSON ではありません（{m}）"),
    (r"design file: it is empty; start from a template \(python cli\.py templates\)",
     "設計ファイル：空です。テンプレートから始めてください（python cli.py templates）"),
    (r"design file: nested more than (?P<n>\d+) levels deep", "設計ファイル：入れ子が {n} 段を超えています"),
    (r"(?P<p>.+?): a range needs 'expected' \(and optionally 'low' and 'high'\)",
     "{p}：範囲には 'expected' が必要です（'low' と 'high' は任意）"),
    (r"(?P<p>.+?): range (?P<b>.+) must be plain numbers, got (?P<g>.+)",
     "{p}：範囲の {b} は数値である必要があります（指定値：{g}）"),
    (r"(?P<p>.+?): range must have low ≤ expected ≤ high, got low (?P<l>.+), expected (?P<e>.+), high (?P<h>.+)",
     "{p}：範囲は low ≤ expected ≤ high である必要があります（low {l}、expected {e}、high {h}）"),
    (r"--table: (?P<t>.+) is not a DynamoDB table of this design; tables: (?P<l_w>.+)",
     "--table：{t} はこの設計の DynamoDB テーブルではありません。テーブル：{l_w}"),
    (r"--index: (?P<i>.+) is not a GSI of table (?P<t>.+); its GSIs: (?P<l_w>.+)",
     "--index：{i} はテーブル {t} の GSI ではありません。GSI：{l_w}"),

    # ---- design problems: field validation (models/design/schema.py _describe)
    (r"(?P<p>.+?): required field is missing", "{p}：必須の項目がありません"),
    (r"(?P<p>.+?): unknown field \(value (?P<v>.*)\); see docs/design-file\.md for the fields of this type",
     "{p}：不明な項目です（値 {v}）。この種類の項目は docs/design-file.md を参照してください"),
    (r"(?P<p>.+?): unknown component type (?P<t>.+); allowed: (?P<a>.+)",
     "{p}：不明なコンポーネントの種類 {t} です。使用できるもの：{a}"),
    (r"(?P<p>.+?): 'type' is missing; allowed: (?P<a>.+)", "{p}：'type' がありません。使用できるもの：{a}"),
    (r"(?P<p>.+?): (?P<v>.+) is not allowed; use lower-case letters, digits, '-' or '_', starting with a letter "
     r"\(≤ 40 characters\)",
     "{p}：{v} は使用できません。英小文字・数字・'-'・'_' を使い、英字で始めてください（40 文字以内）"),
    (r"(?P<p>.+?): (?P<v>.+) is not allowed; allowed: (?P<a>.+)", "{p}：{v} は使用できません。使用できるもの：{a}"),
    (r"(?P<p>.+?): (?P<v>.+) is out of range; must be (?P<s>[≥>≤<]) (?P<b>.+)",
     "{p}：{v} は範囲外です。{s} {b} である必要があります"),
    (r"(?P<p>.+?): (?P<v>.+) is not a plain number \(give the number in (?P<u_w>.+), without a unit\)",
     "{p}：{v} は数値ではありません（単位を付けずに{u_w}の数値で指定してください）"),
    (r"(?P<p>.+?): (?P<v>.+) is not a plain number", "{p}：{v} は数値ではありません"),
    (r"(?P<p>.+?): (?P<k_w>list|string|value) should have at (?P<q_w>least|most) (?P<n>\d+) "
     r"(?:items?|characters?) after validation, not (?P<g>\d+)",
     "{p}：{k_w}の要素数は {n} {q_w}である必要があります（現在 {g}）"),
    # value errors raised by the design's validators (shown as "<path>: <message>")
    (r"percentiles must not decrease: p50 ≤ p95 ≤ p99", "パーセンタイルは p50 ≤ p95 ≤ p99 の順である必要があります"),
    (r"give one of requests_per_month, peak_rps or users, not (?P<g>.+)",
     "requests_per_month・peak_rps・users のいずれか 1 つだけを指定してください（指定：{g}）"),
    (r"(?P<f>daily_profile|weekly_profile): give a preset \((?P<p>.+)\) or (?P<n>\d+) (?:hourly|daily) weights"
     r"(?P<x>(?: \(Mon–Sun\))?), not all zero",
     "{f}：プリセット（{p}）か {n} 個の重み{x}を指定してください（すべて 0 は不可）"),
    (r"timezone (?P<t>.+) is not known; use UTC±HH:MM or one of: (?P<l>.+)",
     "タイムゾーン {t} は不明です。UTC±HH:MM か次のいずれかを使ってください：{l}"),
    (r"give either 'from' or '(?P<f>.+)', not both", "'from' と '{f}' のどちらか一方だけを指定してください"),
    (r"integration_timeout_ms (?P<v>\S+) exceeds the HTTP API maximum of 30,000",
     "integration_timeout_ms {v} が HTTP API の上限 30,000 を超えています"),
    (r"cache_gb applies to REST APIs only \(api: rest\)", "cache_gb は REST API（api: rest）でのみ使えます"),
    (r"cache_gb (?P<v>\S+) is not a cache size; allowed: (?P<a>.+)",
     "cache_gb {v} はキャッシュサイズではありません。使用できるもの：{a}"),
    (r"payload_kb (?P<v>\S+) exceeds the WebSocket message limit of 128 KB",
     "payload_kb {v} が WebSocket のメッセージ上限 128 KB を超えています"),
    (r"connection_minutes_per_month applies to WebSocket APIs only",
     "connection_minutes_per_month は WebSocket API でのみ使えます"),
    (r"provisioned_concurrency (?P<a>\S+) exceeds reserved_concurrency (?P<b>\S+)",
     "provisioned_concurrency {a} が reserved_concurrency {b} を超えています"),
    (r"billing: provisioned needs (?P<f>.+) \(capacity units, at least 1\)",
     "billing: provisioned には {f} が必要です（キャパシティユニット、1 以上）"),
    (r"(?P<f>.+) apply only with billing: provisioned", "{f} は billing: provisioned の場合にのみ指定できます"),
    (r"gsis: index names must be unique", "gsis：インデックス名は重複できません"),
    (r"a Cognito user pool is priced by 'mau', not driven by 'from'",
     "Cognito ユーザープールは 'mau' で計上します。'from' では駆動されません"),
    (r"Route 53 is priced by 'hosted_zones' and 'queries_per_month', not driven by 'from'",
     "Route 53 は 'hosted_zones' と 'queries_per_month' で計上します。'from' では駆動されません"),

    # ---- readiness checks: limit labels
    (r"reserved concurrency may total at most account concurrency (?P<a>\S+) − (?P<f>\S+) unreserved",
     "予約同時実行数の合計の上限（アカウントの同時実行数 {a} − 予約されずに残すべき {f}）"),
    (r"concurrent executions per account and Region \(all functions share it\)",
     "アカウント・リージョンあたりの同時実行数（すべての関数で共有）"),
    (r"reserved_concurrency", "reserved_concurrency（予約同時実行数）"),
    (r"account concurrency less other functions' reservations", "アカウントの同時実行数から他の関数の予約分を引いた値"),
    (r"new execution environments per 10 s per function", "関数あたり 10 秒ごとに増やせる実行環境の数"),
    (r"timeout_s", "timeout_s（関数のタイムアウト）"),
    (r"maximum event age for retried async events", "再試行される非同期イベントの最大経過時間"),
    (r"requests per second per account and Region \(token bucket, burst (?P<b>\S+)\)",
     "アカウント・リージョンあたりの毎秒リクエスト数（トークンバケット、バースト {b}）"),
    (r"stage throttle \(stage_rps, burst (?P<b>\S+)\)", "ステージのスロットリング（stage_rps、バースト {b}）"),
    (r"integration timeout", "統合タイムアウト"),
    (r"client (?P<c>\S+) s > integration (?P<i>\S+) s > function (?P<f>\S+) s > p99 (?P<p>\S+) s",
     "クライアント {c} 秒 > 統合 {i} 秒 > 関数 {f} 秒 > p99 {p} 秒"),
    (r"integration (?P<i>\S+) s > function (?P<f>\S+) s > p99 (?P<p>\S+) s", "統合 {i} 秒 > 関数 {f} 秒 > p99 {p} 秒"),
    (r"Lambda synchronous payload \(6 MB\)", "Lambda 同期呼び出しのペイロード（6 MB）"),
    (r"provisioned (?P<u>RCU|WCU) \(table \+ GSIs\), with up to (?P<b>\S+) s of burst credit",
     "プロビジョニング済みの {u}（テーブル + GSI）、最大 {b} 秒分のバーストクレジット付き"),
    (r"on-demand serves up to 2× the previous peak at once", "オンデマンドが即座に処理できるのは直前のピークの 2 倍まで"),
    (r"(?P<k_w>read|write) units per second per table \(table \+ GSIs\)",
     "テーブルあたりの毎秒{k_w}ユニット数（テーブル + GSI）"),
    (r"provisioned (?P<k_w>read|write) capacity per account and Region",
     "アカウント・リージョンあたりのプロビジョニング済み{k_w}キャパシティ"),
    (r"(?P<k_w>read|write) units per second per partition \(one key lives in one partition\)",
     "パーティションあたりの毎秒{k_w}ユニット数（1 つのキーは 1 つのパーティションに置かれる）"),
    (r"(?P<k>PUT|GET) requests per second \((?P<n>\S+) per prefix × (?P<p>\S+) prefixes\)",
     "毎秒の {k} リクエスト数（プレフィックスあたり {n} × {p} プレフィックス）"),
    (r"message retention \((?P<s>\S+) s\)", "メッセージの保持期間（{s} 秒）"),
    (r"timeout_s \(INIT ≈ (?P<ms>\S+) ms for (?P<rt>\S+)\)", "timeout_s（{rt} の INIT ≈ {ms} ms）"),
    (r"on-failure destination / dead-letter queue", "失敗時の送信先／デッドレターキュー"),
    (r"at-least-once delivery", "少なくとも 1 回の配信（重複して届くことがある）"),
    (r"Invoke requests per second \(10 × the account concurrency quota\)",
     "毎秒の Invoke リクエスト数（アカウントの同時実行数クォータの 10 倍）"),
    (r"no API Gateway in front", "前段に API Gateway がない"),
    (r"SLAs along the synchronous path: (?P<c>.*)", "同期パス上の SLA：{c}"),
    (r"traffic", "トラフィック"),

    # ---- readiness checks: units
    (r"environments", "実行環境"),
    (r"concurrent executions", "同時実行数"),
    (r"concurrent executions \(all functions sharing the pool\)", "同時実行数（プールを共有する全関数）"),
    (r"environments needed at once", "同時に必要な実行環境数"),
    (r"ms \(p99 duration\)", "ms（p99 実行時間）"),
    (r"s of retry delay", "秒（再試行による遅延）"),
    (r"requests/s \(busiest second\)", "リクエスト/秒（最も混む 1 秒）"),
    (r"ms \((?P<f>.+) p99 duration\)", "ms（{f} の p99 実行時間）"),
    (r"KB per request", "KB／リクエスト"),
    (r"(?P<u>RCU|WCU) consumed per second \(minute peak\)", "毎秒の消費 {u}（1 分間のピーク）"),
    (r"(?P<k_w>read|write) units per second \(minute peak\)", "毎秒の{k_w}ユニット数（1 分間のピーク）"),
    (r"(?P<k_w>read|write) units per second", "毎秒の{k_w}ユニット数"),
    (r"capacity units provisioned", "プロビジョニング済みのキャパシティユニット"),
    (r"(?P<k_w>read|write) units per second on the hottest key", "最もアクセスの多いキーへの毎秒の{k_w}ユニット数"),
    (r"(?P<k>PUT|GET)/s \(busiest second\)", "{k}/秒（最も混む 1 秒）"),
    (r"s \(age of the oldest message\)", "秒（最も古いメッセージの経過時間）"),
    (r"ms p99 with cold starts", "ms（コールドスタート込みの p99）"),
    (r"invocations/s \(minute peak\)", "呼び出し/秒（1 分間のピーク）"),
    (r"% composite availability \(SLA-based\)", "%（SLA に基づく複合可用性）"),

    # ---- readiness checks: consequences
    (r"no traffic reaches it, so its throughput checks see zero demand and cannot say whether its capacity is enough",
     "トラフィックが届かないため、スループットのチェックは需要ゼロとして扱われ、キャパシティが足りるかどうかを判断できません"),
    (r"give its monthly figures \(e\.g\. reads_per_month, writes_per_month\), a 'from', or the workload's requests_per_month",
     "月間の数値（reads_per_month、writes_per_month など）、from、またはワークロードの requests_per_month を指定してください"),
    (r"requests per month", "リクエスト/月"),
    (r"AWS rejects reservations that leave fewer than the minimum unreserved; deployment fails\.",
     "予約されない同時実行数が最小値を下回る予約は AWS に拒否され、デプロイが失敗します。"),
    (r"Invocations beyond the account's concurrency are throttled \(HTTP 429\); every function in the Region "
     r"competes for it, including ones outside this design\.",
     "アカウントの同時実行数を超える呼び出しはスロットリングされます（HTTP 429）。この設計以外の関数も含め、"
     "リージョン内のすべての関数がこれを取り合います。"),
    (r"Invoked from SQS: the poller only runs as concurrency allows, so messages wait in the queue "
     r"\(see sqs\.backlog\)\.",
     "SQS から呼び出されます：ポーラーは同時実行数が許す範囲でしか動かないため、メッセージはキューで待ちます（sqs.backlog を参照）。"),
    (r"(?P<n>\S+) invocation attempts a month throttled \(Erlang B on the offered load\); these async events are "
     r"retried for up to 6 hours \(see lambda\.async_events\)\.",
     "月 {n} 回の呼び出しがスロットリングされます（負荷に対する Erlang B）。これらの非同期イベントは最大 6 時間再試行されます"
     "（lambda.async_events を参照）。"),
    (r"(?P<n>\S+) invocation attempts a month throttled \(Erlang B on the offered load\); the stream's batches are "
     r"retried until the records expire \(24 h\)\.",
     "月 {n} 回の呼び出しがスロットリングされます（負荷に対する Erlang B）。ストリームのバッチはレコードの期限切れ（24 時間）まで再試行されます。"),
    (r"(?P<n>\S+) invocation attempts a month throttled \(Erlang B on the offered load\); the caller receives "
     r"429 Too Many Requests\.",
     "月 {n} 回の呼び出しがスロットリングされます（負荷に対する Erlang B）。呼び出し元には 429 Too Many Requests が返ります。"),
    (r"A jump of (?P<j>\S+) environments takes (?P<s>\S+) s to scale; ~(?P<a>\S+) invocations throttled meanwhile\.",
     "実行環境 {j} 個分の急増はスケールに {s} 秒かかり、その間に約 {a} 回の呼び出しがスロットリングされます。"),
    (r"(?P<p>\S+) of invocations run past the (?P<t>\S+) s timeout and fail \(billed to the timeout\)\.",
     "呼び出しの {p} が {t} 秒のタイムアウトを超えて失敗します（タイムアウトまで課金）。"),
    (r"Event-triggered \(async\) invocations: (?P<d>\S+) events a month wait for retries after throttling; "
     r"(?P<x>\S+) exceed the 6-hour event age and are dropped unless a DLQ or on-failure destination keeps them\.",
     "イベント駆動（非同期）の呼び出し：月 {d} 件のイベントがスロットリング後の再試行を待ちます。{x} 件は 6 時間の"
     "イベント経過時間を超え、DLQ か失敗時の送信先がなければ破棄されます。"),
    (r"Requests above the account throttle get 429 Too Many Requests; all APIs in the Region share it\.",
     "アカウントのスロットリングを超えるリクエストには 429 Too Many Requests が返ります。リージョン内のすべての API で共有されます。"),
    (r"Requests above the stage's throttle get 429 Too Many Requests\.",
     "ステージのスロットリングを超えるリクエストには 429 Too Many Requests が返ります。"),
    (r"(?P<n>\S+) requests a month answered 503 Slow Down \(the SDK retries them, adding latency\); "
     r"S3 is fast in aggregate, not on one prefix\.",
     "月 {n} 件のリクエストに 503 Slow Down が返ります（SDK が再試行し、その分遅延が増えます）。S3 は全体では高速ですが、"
     "1 つのプレフィックスでは限りがあります。"),
    (r"(?P<n>\S+) requests a month answered (?P<k_w>504 Gateway Timeout|502 \(the function timed out first\))\.",
     "月 {n} 件のリクエストが {k_w} で応答されます。"),
    (r"client timeout (?P<c>\S+) s ≤ integration timeout (?P<i>\S+) s: the app gives up first while the work "
     r"continues \(retries may run it twice\)",
     "クライアントのタイムアウト {c} 秒 ≤ 統合タイムアウト {i} 秒：処理が続いているのにアプリが先に諦めます（再試行で 2 回実行されることがあります）"),
    (r"function timeout (?P<f>\S+) s ≥ integration timeout (?P<i>\S+) s: API Gateway answers 504 while the "
     r"function runs on, billed",
     "関数のタイムアウト {f} 秒 ≥ 統合タイムアウト {i} 秒：関数が課金されながら動き続ける間に API Gateway が 504 を返します"),
    (r"p99 duration (?P<p>\S+) s ≥ function timeout (?P<f>\S+) s: over 1 % of calls time out",
     "p99 実行時間 {p} 秒 ≥ 関数のタイムアウト {f} 秒：1 % を超える呼び出しがタイムアウトします"),
    (r"Each timeout is shorter than the one in front of it\.", "各タイムアウトは前段のタイムアウトより短くなっています。"),
    (r"Requests larger than 6 MB cannot be passed to a synchronously invoked function \(413\)\.",
     "6 MB を超えるリクエストは同期呼び出しの関数に渡せません（413）。"),
    (r"(?P<n>\S+) (?P<k_w>reads|writes) a month throttled \(ProvisionedThroughputExceededException\) once burst "
     r"credit is spent; you pay for the provisioned capacity whether used or not\.",
     "バーストクレジットを使い切ると月 {n} 件の{k_w}がスロットリングされます（ProvisionedThroughputExceededException）。"
     "プロビジョニングしたキャパシティは使っても使わなくても課金されます。"),
    (r"A spike above twice the table's previous peak within 30 minutes may be throttled while on-demand capacity "
     r"grows\.",
     "30 分以内にテーブルの直前のピークの 2 倍を超える急増は、オンデマンドのキャパシティが増えるまでスロットリングされることがあります。"),
    (r"Spikes stay within twice the usual peak\.", "急増は通常のピークの 2 倍以内に収まっています。"),
    (r"(?P<n>\S+) (?P<k_w>reads|writes) a month throttled at the per-table quota\.",
     "テーブルあたりのクォータで月 {n} 件の{k_w}がスロットリングされます。"),
    (r"Provisioning beyond the account quota is rejected \(LimitExceededException\)\.",
     "アカウントのクォータを超えるプロビジョニングは拒否されます（LimitExceededException）。"),
    (r"The hottest key takes (?P<s>\S+) of traffic; (?P<n>\S+) (?P<k_w>reads|writes) a month throttled on its "
     r"partition whatever the table's capacity\.",
     "最もアクセスの多いキーがトラフィックの {s} を占めます。テーブルのキャパシティに関係なく、そのパーティションで月 {n} 件の{k_w}がスロットリングされます。"),
    (r"Up to (?P<d>\S+) messages wait, the oldest (?P<m>\S+) min; (?P<x>\S+) a month would expire before "
     r"(?P<c>.+) reads them\. The queue absorbs the spike instead of throttling it\.",
     "最大 {d} 件のメッセージが待ち、最も古いものは {m} 分待ちます。月 {x} 件は {c} が読む前に期限切れになります。"
     "キューはスロットリングの代わりに急増を吸収します。"),
    (r"(?P<c>\S+) cold starts a month \((?P<s>\S+) of invocations\) add ~(?P<i>\S+) ms each: p99 (?P<w>\S+) → "
     r"(?P<p>\S+) ms; the INIT phase is billed as duration\.",
     "月 {c} 回のコールドスタート（呼び出しの {s}）がそれぞれ約 {i} ms を加えます：p99 {w} → {p} ms。INIT フェーズは実行時間として課金されます。"),
    (r"Events from (?P<s>\S+) that still fail after (?P<r_w>.+?) are kept in the DLQ\.",
     "{s} からのイベントのうち、{r_w}の後も失敗したものは DLQ に保持されます。"),
    (r"Events from (?P<s>\S+) that still fail after (?P<r_w>.+?) are dropped silently — the lost S3-triggered "
     r"runs of the talk\.",
     "{s} からのイベントのうち、{r_w}の後も失敗したものは黙って破棄されます（講演で紹介された、S3 起動の処理が失われる例）。"),
    (r"Events from (?P<s>\S+) can arrive more than once \(retries, redelivery\); the handler is marked idempotent\.",
     "{s} からのイベントは複数回届くことがあります（再試行・再配信）。ハンドラーは冪等と指定されています。"),
    (r"Events from (?P<s>\S+) can arrive more than once \(retries, redelivery\); a non-idempotent handler may act "
     r"twice \(duplicate thumbnails, double writes\)\. Independent services give no transaction across them\.",
     "{s} からのイベントは複数回届くことがあります（再試行・再配信）。冪等でないハンドラーは 2 回処理することがあります"
     "（サムネイルの重複、二重書き込み）。独立したサービスの間にトランザクションはありません。"),
    (r"Clients call Lambda's Invoke API directly; above the invoke rate they get 429 TooManyRequests\.",
     "クライアントが Lambda の Invoke API を直接呼び出します。呼び出しレートを超えると 429 TooManyRequests が返ります。"),
    (r"Without API Gateway there is no per-client throttling, caching, request validation or custom domain; "
     r"a misbehaving app version can use up the account's concurrency \(reserved_concurrency caps this function\)\.",
     "API Gateway がないと、クライアントごとのスロットリング・キャッシュ・リクエスト検証・カスタムドメインがありません。"
     "不具合のあるアプリのバージョンがアカウントの同時実行数を使い切ることがあります（reserved_concurrency がこの関数を制限します）。"),
    (r"Without API Gateway there is no per-client throttling, caching, request validation or custom domain; "
     r"a misbehaving app version can use up the account's concurrency\.",
     "API Gateway がないと、クライアントごとのスロットリング・キャッシュ・リクエスト検証・カスタムドメインがありません。"
     "不具合のあるアプリのバージョンがアカウントの同時実行数を使い切ることがあります。"),
    (r"Requests depend on (?P<n>\d+) services at once: up to (?P<d>\S+) degraded minutes a month at the SLA level "
     r"\(SLAs are credits, not guarantees\)\. Off the request path \(async\): (?P<o>.+) — their outages delay work "
     r"instead of failing requests\.",
     "リクエストは同時に {n} つのサービスに依存します：SLA の水準で月最大 {d} 分の障害時間があり得ます（SLA は返金の約束であり保証ではありません）。"
     "リクエストの経路外（非同期）：{o}。これらの障害はリクエストを失敗させず、処理を遅らせます。"),
    (r"Requests depend on (?P<n>\d+) services at once: up to (?P<d>\S+) degraded minutes a month at the SLA level "
     r"\(SLAs are credits, not guarantees\)\.",
     "リクエストは同時に {n} つのサービスに依存します：SLA の水準で月最大 {d} 分の障害時間があり得ます（SLA は返金の約束であり保証ではありません）。"),

    # ---- readiness checks: actions
    (r"Lower reserved_concurrency or request a higher account concurrency quota\.",
     "reserved_concurrency を下げるか、アカウントの同時実行数クォータの引き上げを申請してください。"),
    (r"Request a concurrency quota increase \(Service Quotas L-B99A9384\), reserve concurrency for critical "
     r"functions, or buffer with SQS\.",
     "同時実行数クォータの引き上げを申請する（Service Quotas L-B99A9384）、重要な関数に同時実行数を予約する、"
     "または SQS でバッファしてください。"),
    (r"Raise reserved_concurrency / the account quota, shorten the duration, or put SQS in front\.",
     "reserved_concurrency／アカウントのクォータを上げる、実行時間を短くする、または前段に SQS を置いてください。"),
    (r"Pre-warm with provisioned concurrency before known spikes, or buffer with SQS\.",
     "分かっている急増の前にプロビジョニングされた同時実行で事前に温めるか、SQS でバッファしてください。"),
    (r"Raise timeout_s above the p99 duration with a margin, or make the work asynchronous\.",
     "timeout_s を p99 実行時間より余裕をもって長くするか、処理を非同期にしてください。"),
    (r"Put an SQS queue between S3 and the function \(the talk's fix\), set an on-failure destination/DLQ, or raise "
     r"the function's concurrency\.",
     "S3 と関数の間に SQS キューを置く（講演での対策）、失敗時の送信先／DLQ を設定する、または関数の同時実行数を上げてください。"),
    (r"Request a throttle quota increase \(Service Quotas L-8A5B8E43\) or cache responses \(CloudFront / REST cache\)\.",
     "スロットリングのクォータ引き上げを申請する（Service Quotas L-8A5B8E43）か、レスポンスをキャッシュしてください（CloudFront／REST キャッシュ）。"),
    (r"Raise stage_rps / stage_burst, or smooth the clients' traffic\.",
     "stage_rps／stage_burst を上げるか、クライアントのトラフィックを平準化してください。"),
    (r"Make slow work asynchronous \(return 202 and finish via SQS/Step Functions\) or speed up the function\.",
     "遅い処理を非同期にする（202 を返し SQS／Step Functions で完了させる）か、関数を高速化してください。"),
    (r"Order the timeouts: client > API Gateway integration > function timeout > p99 duration \(with margins\)\.",
     "タイムアウトを クライアント > API Gateway 統合 > 関数のタイムアウト > p99 実行時間 の順に（余裕をもって）設定してください。"),
    (r"Upload large files straight to S3 with a presigned URL and pass only the key\.",
     "大きなファイルは署名付き URL で S3 に直接アップロードし、キーだけを渡してください。"),
    (r"Raise (?P<u>rcu|wcu), enable auto scaling, use a capacity schedule, or switch to on-demand "
     r"\(see the DynamoDB planner\)\.",
     "{u} を上げる、Auto Scaling を有効にする、キャパシティのスケジュールを使う、またはオンデマンドに切り替えてください"
     "（DynamoDB プランナーを参照）。"),
    (r"Pre-warm the table \(warm throughput\) before the event, or smooth writes through SQS\.",
     "イベントの前にテーブルを事前に温める（ウォームスループット）か、SQS で書き込みを平準化してください。"),
    (r"Request a table throughput quota increase, or shard across tables\.",
     "テーブルのスループットクォータの引き上げを申請するか、複数のテーブルに分割してください。"),
    (r"Request an account throughput quota increase\.", "アカウントのスループットクォータの引き上げを申請してください。"),
    (r"Spread the key \(write sharding with a suffix\), cache hot reads \(DAX/CloudFront\), or batch writes\.",
     "キーを分散する（サフィックスによる書き込みシャーディング）、頻繁な読み込みをキャッシュする（DAX／CloudFront）、"
     "または書き込みをまとめてください。"),
    (r"Spread keys over more prefixes \(set `prefixes`\), or cache GETs with CloudFront\.",
     "キーをより多くのプレフィックスに分散する（`prefixes` を設定）か、GET を CloudFront でキャッシュしてください。"),
    (r"Raise (?P<c>.+)'s reserved_concurrency \(or the ESM maximum concurrency\), batch more messages, or lengthen "
     r"retention_s\.",
     "{c} の reserved_concurrency（または ESM の最大同時実行数）を上げる、より多くのメッセージをまとめて処理する、"
     "または retention_s を長くしてください。"),
    (r"Keep the package and imports small; use (?P<r_t>.+); or accept the latency if p99 allows\.",
     "パッケージと import を小さく保つ、{r_t}を使う、または p99 が許すならレイテンシを受け入れてください。"),
    (r"SnapStart \(runtime java_snapstart; no extra charge for Java\) or (?P<r_t>.+)",
     "SnapStart（runtime java_snapstart、Java は追加料金なし）または{r_t}"),
    (r"provisioned concurrency for (?P<n>\d+) environments? \(the busiest need\), about USD (?P<u>\S+) a month "
     r"\(its duration rate is lower than on-demand's\)",
     "実行環境 {n} 個分のプロビジョニングされた同時実行（最も混む時間に必要な数、月額約 USD {u}、実行時間の単価はオンデマンドより低い）"),
    (r"provisioned concurrency for (?P<n>\d+) environments? \(the busiest need\)",
     "実行環境 {n} 個分のプロビジョニングされた同時実行（最も混む時間に必要な数）"),
    (r"Configure an on-failure destination or DLQ \(set dlq: true\), or buffer with SQS\.",
     "失敗時の送信先か DLQ を設定する（dlq: true）か、SQS でバッファしてください。"),
    (r"Make the handler idempotent \(conditional writes, idempotency keys\), then set idempotent: true\.",
     "ハンドラーを冪等にし（条件付き書き込み、冪等キー）、idempotent: true を設定してください。"),
    (r"Request a higher concurrency quota \(the invoke rate follows it\) or put API Gateway in front\.",
     "同時実行数クォータの引き上げを申請する（呼び出しレートもそれに従います）か、前段に API Gateway を置いてください。"),
    (r"Set reserved_concurrency to contain it, scope the identity pool role to this function, or add API Gateway\.",
     "reserved_concurrency を設定して影響を抑える、ID プールのロールをこの関数に限定する、または API Gateway を追加してください。"),
    (r"Retry with backoff and jitter on every synchronous call; move work that need not finish within the request "
     r"behind SQS; for higher availability consider DynamoDB global tables and multi-Region APIs\.",
     "すべての同期呼び出しをバックオフとジッター付きで再試行してください。リクエスト内で終える必要のない処理は SQS の後ろに移してください。"
     "さらに可用性が必要なら DynamoDB グローバルテーブルとマルチリージョンの API を検討してください。"),

    # ---- DynamoDB planner (models/dynamodb_planner/plan.py): strategy notes and the recommendation
    (r"Billed per request unit; spikes above twice the previous peak within 30 minutes may throttle\.",
     "リクエストユニット単位で課金。30 分以内に直前のピークの 2 倍を超える急増はスロットリングされることがあります。"),
    (r"(?P<r>\S+) RCU and (?P<w>\S+) WCU all month \(peak \+ (?P<h>\S+)\)\.",
     "月を通して {r} RCU と {w} WCU（ピーク + {h}）。"),
    # a provisioned strategy's note, then how much of the shared free tier is left for this table
    (r"(?P<a_t>.+?) (?P<b_t>Free tier: \S+ of \S+ RCU-hours and \S+ of \S+ WCU-hours left for this table .+)",
     "{a_t}{b_t}"),
    (r"(?P<a_t>.+?) (?P<b_t>Needs rounded (?:up|down) to \d+ levels per dimension.*)", "{a_t}{b_t}"),
    (r"Needs rounded down to (?P<n>\d+) levels per dimension \(a bound, not a plan\)\.",
     "必要量は次元ごとに {n} 段階へ切り下げています（下限であり、プランではありません）。"),
    (r"Needs rounded up to (?P<n>\d+) levels per dimension\.", "必要量は次元ごとに {n} 段階へ切り上げています。"),
    (r"Free tier: (?P<r>\S+) of (?P<rt>\S+) RCU-hours and (?P<w>\S+) of (?P<wt>\S+) WCU-hours left for this table "
     r"after the design's other provisioned Standard tables and indexes \(the cost is what this table adds\)\.",
     "無料枠：設計内のほかのプロビジョンド（Standard）テーブルとインデックスの使用後、このテーブルに残るのは "
     "{rt} RCU 時間のうち {r}、{wt} WCU 時間のうち {w}（費用はこのテーブルが請求に加える分です）。"),
    (r"Lower bound only, not applicable as scheduled actions: the cheapest one-time schedule for this month, reads "
     r"and writes each planned alone on a full decrease budget, (?P<n>\d+) capacity changes in (?P<s>\d+)-minute steps "
     r"\(Application Auto Scaling allows (?P<l>\d+) scheduled actions per scalable target\); at most (?P<m>\d+) "
     r"decreases in a UTC day per dimension under the rolling 60-minute rule\.",
     "下限のみ（スケジュールされたアクションとしては適用不可）：この 1 か月だけの最も安い一回限りのスケジュールで、"
     "読み込みと書き込みをそれぞれ単独で（引き下げ枠をすべて使える前提で）計画したもの。{s} 分刻みで {n} 回の"
     "キャパシティ変更（Application Auto Scaling のスケジュールされたアクションはスケーラブルターゲットごとに {l} 個まで）。"
     "60 分のローリング規則のもと、UTC の 1 日あたり次元ごとに最大 {m} 回の引き下げ。"),
    (r"Repeats every week: (?P<n>\d+) capacity changes a week in (?P<s>\d+)-minute steps \(UTC\), at most "
     r"(?P<a>\d+) scheduled actions per scalable target \(limit (?P<l>\d+)\); at most (?P<m>\d+) decreases in a "
     r"UTC day, reads and writes counted separately as Application Auto Scaling applies them, under the rolling "
     r"60-minute rule\.",
     "毎週繰り返し：{s} 分刻み（UTC）で週 {n} 回のキャパシティ変更、スケーラブルターゲットごとに最大 {a} 個の"
     "スケジュールされたアクション（上限 {l}）。UTC の 1 日あたり最大 {m} 回の引き下げ（Application Auto Scaling "
     "の適用どおり読み込みと書き込みを別々に数え、60 分のローリング規則の範囲内）。"),
    (r"Target (?P<t>\S+); scales out after 2 minutes above target, in after 15 minutes 20 % below it, within the "
     r"rolling 60-minute decrease rule \(read and write scaling are separate updates, so each decrease counts\)\.",
     "目標 {t}。目標を 2 分超えるとスケールアウト、目標を 20 % 下回る状態が 15 分続くとスケールイン（60 分の"
     "ローリング規則による引き下げの制限内。読み込みと書き込みのスケーリングは別々の更新なので、それぞれの引き下げが"
     "数えられます）。"),
    (r"Reserved capacity is available for the Standard table class only\.",
     "リザーブドキャパシティは Standard テーブルクラスでのみ利用できます。"),
    (r"(?P<t>\S+) term: (?P<r>\S+) RCU and (?P<w>\S+) WCU reserved \(upfront spread over the term\), the rest as "
     r"the weekly schedule\.",
     "{t} 期間：{r} RCU と {w} WCU を予約（前払い分は期間で按分）、残りは週単位のスケジュールどおり。"),
    (r"The table never needs 100 units all month: nothing to reserve \(same as the weekly schedule\)\.",
     "テーブルが月を通して 100 ユニットを必要とすることがないため、予約するものはありません（週単位のスケジュールと同じ）。"),
    (r"(?P<b>\S+) is the cheapest plan that keeps throttling within (?P<f>\S+): USD (?P<u>\S+) a month, "
     r"(?P<s>\S+) below on-demand\. Provisioned pays off above (?P<e>\S+) average utilization\.",
     "{b} はスロットリングを {f} 以内に抑える最も安いプランです：月額 USD {u}、オンデマンドより {s} 安い。"
     "プロビジョニングは平均使用率 {e} を超えると得になります。"),
    (r"(?P<b>\S+) is the cheapest plan that keeps throttling within (?P<f>\S+): USD (?P<u>\S+) a month\. "
     r"Provisioned pays off above (?P<e>\S+) average utilization\.",
     "{b} はスロットリングを {f} 以内に抑える最も安いプランです：月額 USD {u}。"
     "プロビジョニングは平均使用率 {e} を超えると得になります。"),

    (r"(?P<n>.+?): (?P<s>\S+) bytes is too large \(limit (?P<l>\S+)\)", "{n}：{s} バイトは大きすぎます（上限 {l}）"),
    # saved designs that do not open (storage/designs.py parse_saved)
    (r"not UTF-8 text \(byte (?P<b>\S+) is (?P<x>0x[0-9a-f]{2})\); is it a binary file\?",
     "UTF-8 のテキストではありません（{b} バイト目が {x}）。バイナリファイルではありませんか？"),
    (r"nested too deeply to read", "入れ子が深すぎて読み込めません"),
    (r"a number has more than 4,300 digits", "4,300 桁を超える数値があります"),
    (r"not a readable design file \((?P<e>.+)\)", "設計ファイルとして読み込めません（{e}）"),
    (r"the key (?P<k>.+) is not text; field names are words such as name, workload, components",
     "キー {k} が文字列ではありません。項目名は name、workload、components などの語です"),

    # ---- last: "<path>: <message>" where the message itself translates (value errors, nested paths),
    # then pydantic's own wording for anything else ("<path>: <value>: <message>")
    (r"(?P<p>[^:]+?): (?P<m_t>.+)", "{p}：{m_t}"),
    (r"(?P<p>[^:]+?): (?P<v>.+?): (?P<m>[A-Z].*)", "{p}：{v} は無効な値です（{m}）"),
]

RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.S), template) for pattern, template in _TABLE]


class _NoMatch(Exception):
    """A `_t` group whose text does not translate: the rule does not apply."""


def _fill(name: str, value: str | None) -> str:
    if value is None:
        return ""
    if name.endswith("_w"):
        return WORDS.get(value, value)
    if name.endswith("_t"):
        translated = to_ja(value)
        if translated == value:
            raise _NoMatch
        return translated
    return value


def to_ja(text: str) -> str:
    """`text` (one engine message) in Japanese; unknown text unchanged."""
    if not isinstance(text, str) or not text.strip():
        return text
    for pattern, template in RULES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return template.format(**{k: _fill(k, v) for k, v in match.groupdict().items()})
        except _NoMatch:
            continue
    if "; " in text:  # e.g. the timeout chain's findings joined by "; "
        parts = text.split("; ")
        translated = [to_ja(p) for p in parts]
        if all(t != p for t, p in zip(translated, parts, strict=True)):
            return "。".join(translated)
    return text


def localize(text: str, lang: str) -> str:
    """`text` in the app's language: Japanese for "ja", unchanged otherwise."""
    return to_ja(text) if lang == "ja" else text
