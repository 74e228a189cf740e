"""The app's words in English and Japanese. Every label the app shows comes from here.

Numbers and dates per language: counts use thousands separators in both languages (1,234,567);
money is "$1,234.56" in both, yen "¥1,234" in English and "1,234円" in Japanese
(`models.money.format_money`); dates in sentences are "28 Nov 2026" / "2026年11月28日", while tables
and files keep ISO dates (2026-11-28) so they sort.
"""

from __future__ import annotations

from datetime import date

LANGUAGES = {"en": "English", "ja": "日本語"}

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Serverless Planner", "ja": "Serverless Planner（サーバーレス構成の費用見積もり）"},
    "tagline": {"en": "Monthly AWS cost of a serverless back end, line by line, every price with its source and date.",
                "ja": "サーバーレス構成の月額 AWS 費用を明細ごとに。すべての単価に出典と日付を付けています。"},
    "language": {"en": "Language", "ja": "言語"},
    "template": {"en": "Template", "ja": "テンプレート"},
    "template_help": {"en": "Start from one of the talk's patterns; switching replaces the current design (download it first to keep it).",
                      "ja": "勉強会で紹介した構成から始めます。切り替えると現在の設計は置き換わります（残す場合は先にダウンロード）。"},
    "upload": {"en": "Open a design file (YAML or JSON)", "ja": "設計ファイルを開く（YAML または JSON）"},
    "upload_help": {"en": "A file downloaded from this app or written by hand (see docs/design-file.md).",
                    "ja": "このアプリでダウンロードしたファイル、または手書きのファイル（docs/design-file.md 参照）。"},
    "upload_error": {"en": "This design file was not opened:", "ja": "この設計ファイルは開けませんでした："},
    "upload_ok": {"en": "Opened", "ja": "開きました："},
    "design": {"en": "Design", "ja": "設計"},
    "region": {"en": "Region", "ja": "リージョン"},
    "region_help": {"en": "AWS Region whose prices apply.", "ja": "料金を適用する AWS リージョン。"},
    "free_tier": {"en": "Free tier", "ja": "無料利用枠"},
    "free_tier_help": {"en": "none: no free offers. always: AWS's always-free offers (Lambda 1M requests and 400,000 GB-s, DynamoDB 25 GB, ...). first_year: also the legacy 12-month offers (API Gateway 1M calls, S3 5 GB, ...), for accounts created before 15 Jul 2025 in their first year.",
                       "ja": "none: 無料枠なし。always: 常に無料の枠（Lambda 100 万リクエストと 40 万 GB 秒、DynamoDB 25 GB など）。first_year: 旧 12 か月無料枠も適用（API Gateway 100 万回、S3 5 GB など。2025 年 7 月 15 日より前に作成した 1 年以内のアカウント）。"},
    "requests_per_month": {"en": "Client requests per month", "ja": "月間クライアントリクエスト数"},
    "requests_per_month_help": {"en": "Requests entering the design per month (count). Components without 'from' receive these.",
                                "ja": "設計に入ってくる月間リクエスト数。'from' のないコンポーネントが受け取ります。"},
    "components": {"en": "Components", "ja": "コンポーネント"},
    "total": {"en": "Monthly total (USD)", "ja": "月額合計（USD）"},
    "total_help": {"en": "Sum of all line items, free-tier credits included. A month is 730 hours.",
                   "ja": "無料枠の控除を含む全明細の合計。1 か月 = 730 時間。"},
    "line_items": {"en": "Line items", "ja": "明細"},
    "breakdown": {"en": "Cost by component", "ja": "コンポーネント別の費用"},
    "warnings": {"en": "Check these", "ja": "確認事項"},
    "prices_as_of": {"en": "Prices as of", "ja": "価格の基準日"},
    "download_design": {"en": "Download design (YAML)", "ja": "設計をダウンロード（YAML）"},
    "download_csv": {"en": "Download line items (CSV)", "ja": "明細をダウンロード（CSV）"},
    "download_json": {"en": "Download estimate (JSON)", "ja": "見積もりをダウンロード（JSON）"},
    "editor": {"en": "Edit the design file", "ja": "設計ファイルを編集"},
    "editor_help": {"en": "The whole design as YAML. Apply to use it; problems are listed and nothing is lost.",
                    "ja": "設計全体の YAML。「適用」で反映します。問題があれば一覧表示され、内容は失われません。"},
    "apply": {"en": "Apply", "ja": "適用"},
    "design_error": {"en": "The design has problems; fix them to see the estimate:",
                     "ja": "設計に問題があります。修正すると見積もりが表示されます："},
    "col_component": {"en": "Component", "ja": "コンポーネント"},
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
    "page_design": {"en": "Design & cost", "ja": "設計と費用"},
    "page_prices": {"en": "Prices", "ja": "価格表"},
    "page_limits": {"en": "Limits", "ja": "上限チェック"},
    "page_cost": {"en": "Cost", "ja": "費用"},
    "template_placeholder": {"en": "— your own design (from a file, a link or the editor) —",
                             "ja": "— 独自の設計（ファイル、リンク、エディタから）—"},
    "page_dynamodb": {"en": "DynamoDB planner", "ja": "DynamoDB プランナー"},
    "prices_title": {"en": "Price catalog", "ja": "価格カタログ"},
    "prices_assumed_only": {"en": "Only assumed prices", "ja": "推定値（assumed）の価格だけを表示"},
    "prices_assumed_help": {"en": "Prices no source states for this region; each note says what the value is derived from. "
                                  "The same list: python cli.py prices --assumed",
                            "ja": "このリージョンについて出典が見つからない価格です。注記に値の根拠を記載しています。"
                                  "同じ一覧：python cli.py prices --assumed"},
    "prices_caption": {"en": "Every price the estimates use, with its source, date and confidence: aws (AWS page), price_list (AWS Price List), third_party, assumed (not published for this region; the note says what it is taken from).",
                       "ja": "見積もりに使うすべての価格と、その出典・日付・確度。aws（AWS のページ）、price_list（AWS Price List）、third_party（第三者）、assumed（このリージョンでは未公表。注記に根拠を記載）。"},
}

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
}

#: words of the quote settings, Compare, sharing, saved designs and ranges
TEXT.update({
    "currency": {"en": "Currency", "ja": "通貨"},
    "currency_help": {"en": "Show amounts in US dollars (AWS's own prices) or in Japanese yen at the rate below. Default USD.",
                      "ja": "金額を米ドル（AWS の価格そのまま）または下のレートで換算した日本円で表示します。既定値 USD。"},
    "fx_rate": {"en": "JPY per 1 USD", "ja": "1 USD あたりの円"},
    "fx_rate_help": {"en": "The exchange rate you choose (yen per dollar); no live rate is fetched. Default 150.",
                     "ja": "換算に使う為替レート（1 ドルあたりの円）。最新レートの自動取得はしません。既定値 150。"},
    "tax_pct": {"en": "Tax (%)", "ja": "消費税等（%）"},
    "tax_pct_help": {"en": "Added once on the subtotal, e.g. 10 for Japan's consumption tax (rounded down). AWS prices exclude tax. Default 0 (none).",
                     "ja": "小計に 1 回だけ加算します（例：消費税 10）。1 円（1 セント）未満は切り捨て。AWS の価格は税抜です。既定値 0（なし）。"},
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
    "range_caption": {"en": "Range — three cases evaluated separately: low case {low} · expected {expected} · high case {high}",
                      "ja": "幅 — 3 つのケースをそれぞれ計算：下限ケース {low} · 想定 {expected} · 上限ケース {high}"},
    "range_method": {"en": "Ranges are computed by evaluating three designs separately: every range at its low value, at its expected value and at its high value (no sampling).",
                     "ja": "幅は、すべての幅を下限・想定・上限にした 3 つの設計をそれぞれ計算して求めています（サンプリングではありません）。"},
    "range_toggle": {"en": "Not sure? Give a low and a high value", "ja": "不確かなら下限と上限を指定"},
    "range_toggle_help": {"en": "Turns the number into a range {low, expected, high}; every total, chart and export then shows the low and high cases next to the expected one. Starts at half and double.",
                          "ja": "数値を幅 {low, expected, high} にします。合計・グラフ・エクスポートに下限・上限ケースも表示されます。初期値は半分と 2 倍です。"},
    "range_low": {"en": "{label} — low", "ja": "{label}（下限）"},
    "range_high": {"en": "{label} — high", "ja": "{label}（上限）"},
    "range_bound_help": {"en": "The {bound} case's value, in the same unit as the expected value. The expected value moves if needed so that low ≤ expected ≤ high.",
                         "ja": "{bound}ケースの値（想定値と同じ単位）。下限 ≤ 想定 ≤ 上限 となるよう、必要なら想定値も動きます。"},
    "bound_low": {"en": "low", "ja": "下限"},
    "bound_high": {"en": "high", "ja": "上限"},
    "range_in_field": {"en": "a range (low / expected / high): {low} / {expected} / {high}",
                       "ja": "幅（下限 / 想定 / 上限）：{low} / {expected} / {high}"},
    "diagram": {"en": "Components and flows", "ja": "構成とイベントの流れ"},
    "diagram_help": {"en": "Each arrow carries the upstream component's events (requests, invocations, S3 PUTs, messages) × calls.",
                     "ja": "矢印は上流コンポーネントのイベント（リクエスト、呼び出し、S3 PUT、メッセージ）× 呼び出し数を表します。"},
    "export": {"en": "Quote and export", "ja": "見積書とエクスポート"},
    "cur_in_USD": {"en": "In USD", "ja": "米ドル建て"},
    "cur_in_JPY": {"en": "In JPY", "ja": "円建て"},
    "export_caption": {"en": "{cur_in}, in English. The Excel workbook has the line items, the assumptions (inputs, defaults, warnings, price dates and sources) and the readiness checks; open the HTML report in a browser to print it or save it as PDF.",
                       "ja": "{cur_in}・日本語。Excel には明細、前提条件（入力値・既定値・注意事項・価格の基準日と出典）、上限チェックが入っています。HTML レポートはブラウザで開いて印刷または PDF 保存できます。"},
    "download_xlsx": {"en": "Quote (Excel)", "ja": "見積書（Excel）"},
    "download_html": {"en": "Printable report (HTML)", "ja": "印刷用レポート（HTML）"},
    "download_design_json": {"en": "Design (JSON)", "ja": "設計（JSON）"},
    "download_quote_csv": {"en": "Line items ({cur}, CSV)", "ja": "明細（{cur}、CSV）"},
    "share": {"en": "Share link", "ja": "共有リンク"},
    "share_caption": {"en": "The whole design is inside this link (nothing is stored on a server): whoever opens it gets this design, language and currency. The address bar keeps it up to date too.",
                      "ja": "このリンクに設計全体が入っています（サーバーには保存しません）。開くと同じ設計・言語・通貨で表示されます。アドレスバーの URL も常に最新です。"},
    "share_error": {"en": "The design in this link could not be opened, so the first template is shown instead. Ask for a new link. What is wrong:",
                    "ja": "このリンクの設計を開けなかったため、最初のテンプレートを表示しています。新しいリンクを依頼してください。問題点："},
    "share_opened": {"en": "Opened the design from the link.", "ja": "リンクの設計を開きました。"},
    "computing": {"en": "Computing…", "ja": "計算中…"},
    "preparing": {"en": "Preparing the file…", "ja": "ファイルを作成中…"},
    "page_compare": {"en": "Compare", "ja": "比較"},
    "compare_title": {"en": "Compare designs", "ja": "設計の比較"},
    "compare_caption": {"en": "Two to four designs side by side: monthly cost (rounded lines summed, excl. tax), cost per million client requests and per monthly active user, the next 12 months with each design's growth, and the worst readiness check. The chart prices every design at the same client volumes; where two curves cross is a break-even point.",
                        "ja": "2〜4 件の設計を並べて比較します：月額費用（明細ごとに端数処理した合計、税抜）、クライアントリクエスト 100 万件あたり・月間アクティブユーザー 1 人あたりの費用、各設計の成長率による今後 12 か月の合計、上限チェックの最も悪い判定。グラフは同じリクエスト数で各設計を計算し、曲線の交点を損益分岐点として示します。"},
    "compare_pick": {"en": "Designs to compare (2–4)", "ja": "比較する設計（2〜4 件）"},
    "compare_pick_help": {"en": "The current design (as edited on the Design page), any template, or a saved design.",
                          "ja": "現在の設計（設計ページで編集中のもの）、テンプレート、保存した設計から選べます。"},
    "compare_need_two": {"en": "Pick at least two designs above: the current design, a template or a saved design.",
                         "ja": "上で 2 件以上選んでください（現在の設計、テンプレート、保存した設計）。"},
    "compare_skipped": {"en": "Left out of the comparison because it has problems:", "ja": "問題があるため比較から除外しました："},
    "src_current": {"en": "Current design: {name}", "ja": "現在の設計：{name}"},
    "src_template": {"en": "Template: {name}", "ja": "テンプレート：{name}"},
    "src_saved": {"en": "Saved: {name}", "ja": "保存済み：{name}"},
    "col_design": {"en": "Design", "ja": "設計"},
    "col_region": {"en": "Region", "ja": "リージョン"},
    "col_monthly": {"en": "Monthly ({cur})", "ja": "月額（{cur}）"},
    "col_range": {"en": "Range (low – high case)", "ja": "幅（下限〜上限ケース）"},
    "col_requests": {"en": "Client requests / month", "ja": "クライアントリクエスト数 / 月"},
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
    "break_even_line": {"en": "**{a}** and **{b}** cost the same at about **{req}** client requests per month ({cost}); below that **{below}** is cheaper, above it **{above}**.",
                        "ja": "**{a}** と **{b}** は月間約 **{req}** リクエストで同じ費用（{cost}）。それより少なければ **{below}**、多ければ **{above}** が安くなります。"},
    "break_even_marker": {"en": "break-even", "ja": "損益分岐点"},
    "no_break_even": {"en": "No break-even point between 1 thousand and 100 million client requests per month: the cost curves do not cross.",
                      "ja": "月間 1,000〜1 億リクエストの範囲で損益分岐点はありません（費用曲線が交差しません）。"},
    "compare_band": {"en": "{name}: low–high case", "ja": "{name}：下限〜上限ケース"},
    "compare_notes": {"en": "Per-million, per-MAU, 12-month and chart figures are computed from exact amounts and rounded once. Per MAU needs workload.users.mau; otherwise “—”. The chart varies only the client requests; a design's other numbers stay as they are.",
                      "ja": "100 万リクエストあたり・MAU あたり・12 か月・グラフの値は丸め前の金額から計算し、最後に 1 回だけ丸めています。MAU あたりは workload.users.mau がある場合のみ（ない場合は「—」）。グラフはクライアントリクエスト数だけを変え、他の数値はそのままです。"},
    "status_pass": {"en": "🟢 pass", "ja": "🟢 合格"},
    "status_warn": {"en": "🟡 warn", "ja": "🟡 注意"},
    "status_fail": {"en": "🔴 fail", "ja": "🔴 不合格"},
    "status_high_case": {"en": "high case: {status}", "ja": "上限ケース：{status}"},
    "page_saved": {"en": "Saved designs", "ja": "保存した設計"},
    "saved_caption": {"en": "Designs are saved as YAML files in {folder} (set the environment variable SERVERLESS_PLANNER_DESIGNS to use another folder). Nothing is overwritten without asking.",
                      "ja": "設計は {folder} に YAML ファイルとして保存されます（別のフォルダーを使うには環境変数 SERVERLESS_PLANNER_DESIGNS を設定）。確認なしに上書きすることはありません。"},
    "save_current": {"en": "Save the current design", "ja": "現在の設計を保存"},
    "save_name": {"en": "Name", "ja": "名前"},
    "save_name_help": {"en": "The file name (without .yaml): up to 80 characters; letters (Japanese too), digits, spaces, '-', '_', '()'. Default: the design's name.",
                       "ja": "ファイル名（.yaml を除く）：80 文字以内。文字（日本語も可）・数字・空白・'-'・'_'・'()'。既定値は設計の名前。"},
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
                          "ja": "「{name}」という保存済みの設計はありません（別のタブで名前の変更や削除をしましたか？）。"},
    "storage_too_large": {"en": "“{name}” is too large to be a design file.", "ja": "「{name}」は設計ファイルとしては大きすぎます。"},
})


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


def tf(key: str, lang: str, **values) -> str:
    """`t` with `{placeholders}` filled."""
    return t(key, lang).format(**values)


def t(key: str, lang: str) -> str:
    """The text for `key` in `lang` (English when a translation is missing)."""
    entry = TEXT.get(key) or FIELD_LABELS.get(key) or {"en": key}
    return entry.get(lang) or entry["en"]
