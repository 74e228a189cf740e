"""The Account page's words in English and Japanese (kept apart from i18n/catalog.py, which other pages share)."""

from __future__ import annotations

PULL_ENV = "SERVERLESS_PLANNER_ALLOW_PULL"

TEXT: dict[str, dict[str, str]] = {
    "page": {"en": "Account", "ja": "アカウント"},
    "title": {"en": "Live settings from an AWS account", "ja": "AWS アカウントの実際の設定"},
    "caption": {"en": "Reads limits and settings (Lambda concurrency, API throttles and timeouts, DynamoDB capacity, buckets, queues, Service Quotas) with read-only calls, and compares them with the design.",
                "ja": "読み取り専用の API で上限と設定（Lambda 同時実行数、API のスロットリングとタイムアウト、DynamoDB のキャパシティ、バケット、キュー、Service Quotas）を読み、設計と比べます。"},
    "server_account": {"en": f"Pulling reads **the AWS account of the server running this app** (its profiles, environment or instance role) — not yours, unless you run the app yourself. It is off unless the server's owner sets `{PULL_ENV}=1`. Elsewhere, run `python cli.py pull -o snapshot.json` on your own machine and open the file below.",
                       "ja": f"取得すると **このアプリを動かしているサーバーの AWS アカウント**（そのプロファイル、環境変数、インスタンスロール）を読みます。ご自身でアプリを動かしている場合を除き、あなたのアカウントではありません。サーバーの管理者が `{PULL_ENV}=1` を設定しない限り無効です。その場合は手元で `python cli.py pull -o snapshot.json` を実行し、下でファイルを開いてください。"},
    "disabled": {"en": f"Pulling is switched off on this server ({PULL_ENV} is not set to 1). You can still open a snapshot file.",
                 "ja": f"このサーバーでは取得が無効です（{PULL_ENV} が 1 ではありません）。スナップショットファイルは開けます。"},
    "profiles": {"en": "Profiles (accounts)", "ja": "プロファイル（アカウント）"},
    "profiles_help": {"en": "From the server's AWS config files; the default chain uses AWS_PROFILE, environment or instance credentials.",
                      "ja": "サーバーの AWS 設定ファイルから。既定のチェーンは AWS_PROFILE、環境変数、インスタンスの認証情報を使います。"},
    "default_chain": {"en": "(default credentials)", "ja": "（既定の認証情報）"},
    "regions": {"en": "Regions", "ja": "リージョン"},
    "pull": {"en": "Pull from AWS", "ja": "AWS から取得"},
    "pulling": {"en": "Reading the account…", "ja": "アカウントを読み取り中…"},
    "upload": {"en": "Or open a snapshot file (from `cli.py pull -o`)", "ja": "またはスナップショットファイルを開く（`cli.py pull -o` で作成）"},
    "upload_error": {"en": "This file was not opened:", "ja": "このファイルは開けませんでした："},
    "malformed": {"en": "{name}: not a usable snapshot — the field `{field}` should be {allowed}, but it is {found}. Pull a new snapshot, or fix that field.",
                  "ja": "{name}：使えないスナップショットです。フィールド `{field}` は {allowed} であるべきですが、{found} です。スナップショットを取り直すか、そのフィールドを直してください。"},
    "this_snapshot": {"en": "This snapshot", "ja": "このスナップショット"},
    "not_json": {"en": "{name} is not readable as JSON (truncated, empty or not a snapshot file):",
                 "ja": "{name} は JSON として読めません（途中で切れている、空、またはスナップショットではないファイル）："},
    "not_snapshot": {"en": "{name} is not an account snapshot written by `cli.py pull`:",
                     "ja": "{name} は `cli.py pull` で作ったアカウントのスナップショットではありません："},
    "too_large": {"en": "{name} is too large for a snapshot:", "ja": "{name} はスナップショットとしては大きすぎます："},
    "render_error": {"en": "This snapshot could not be shown ({error}). Open another snapshot or pull again.",
                     "ja": "このスナップショットは表示できませんでした（{error}）。別のスナップショットを開くか、取り直してください。"},
    "deadline_gaps": {"en": "{count} read(s) did not finish before the pull's deadline ({seconds} s) and are listed as gaps of kind `deadline`. Pull again, or run `python cli.py pull --deadline SECONDS` with more time.",
                      "ja": "{count} 件の読み取りが取得の制限時間（{seconds} 秒）内に終わらず、種類 `deadline` の欠落として表示しています。もう一度取得するか、`python cli.py pull --deadline 秒数` で時間を延ばしてください。"},
    "bad_response_gaps": {"en": "{count} answer(s) were not AWS's (an HTML page, unreadable bytes, or more than {cap} MB): a proxy, captive portal or wrong endpoint? They are gaps of kind `bad_response`, not empty lists.",
                          "ja": "{count} 件の応答が AWS のものではありませんでした（HTML ページ、読めないバイト列、または {cap} MB 超）。プロキシ、キャプティブポータル、エンドポイントの誤りが考えられます。空の一覧ではなく、種類 `bad_response` の欠落として表示しています。"},
    "snapshot": {"en": "Snapshot taken", "ja": "取得日時"},
    "custom_endpoint": {"en": "from a custom endpoint (AWS_ENDPOINT_URL), not AWS", "ja": "カスタムエンドポイント（AWS_ENDPOINT_URL）から。AWS ではありません"},
    "account": {"en": "Account", "ja": "アカウント"},
    "region": {"en": "Region", "ja": "リージョン"},
    "limits": {"en": "Limits from your account", "ja": "アカウントの上限"},
    "no_limits": {"en": "No limit could be read in this region (see the gaps below).", "ja": "このリージョンでは上限を読めませんでした（下の欠落を参照）。"},
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
    "limits_unsupported": {"en": "This version's design format has no limits block yet.", "ja": "このバージョンの設計形式にはまだ limits がありません。"},
    "pick": {"en": "Resources to import (none picked = all)", "ja": "取り込むリソース（未選択 = すべて）"},
    "import": {"en": "Import as design", "ja": "設計として取り込む"},
    "imported": {"en": "Imported. Traffic figures are assumptions — replace them on the Design page:", "ja": "取り込みました。トラフィックの値は仮の値です。設計ページで置き換えてください："},
    "import_error": {"en": "Not imported:", "ja": "取り込めませんでした："},
    "prices": {"en": "Live prices", "ja": "最新の価格"},
    "prices_bundled": {"en": "Estimates use the bundled catalog (compiled {compiled}). No refreshed catalog for {region}.", "ja": "見積もりは同梱の価格表（{compiled} 作成）を使います。{region} の更新済み価格表はありません。"},
    "prices_cached": {"en": "Refreshed catalog for {region}: {refreshed_at} ({path}); {changed} price(s) differ from the bundled catalog.", "ja": "{region} の更新済み価格表：{refreshed_at}（{path}）。同梱の価格表と {changed} 件異なります。"},
    "refresh": {"en": "Refresh prices from the AWS Price List", "ja": "AWS Price List から価格を更新"},
    "refresh_error": {"en": "Prices not refreshed:", "ja": "価格を更新できませんでした："},
}


def tx(key: str, lg: str, **values: str) -> str:
    """The text for `key` in language `lg` (English when missing), with {placeholders} filled."""
    text = TEXT[key].get(lg, TEXT[key]["en"])
    return text.format(**values) if values else text
