"""The words of every export (CSV, XLSX, HTML report) in English and Japanese."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
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
    "year": {"en": "12-month total (with the design's growth, excl. tax)", "ja": "12 か月の合計（設計の月次成長を含む、税抜）"},
    "prices_as_of": {"en": "Prices as of", "ja": "価格の基準日"},
    "readiness": {"en": "Readiness (limits at launch)", "ja": "リリース時の上限チェック"},
    "readiness_overall": {"en": "Readiness overall", "ja": "上限チェックの総合判定"},
    "range": {"en": "Range", "ja": "幅"},
    "range_method": {"en": "Ranges are computed by evaluating three cases separately — every range at its low value, at its expected value, and at its high value — not by sampling. The low case is not always the cheapest.",
                     "ja": "幅は 3 つのケース（すべての幅を下限・想定・上限にした設計）をそれぞれ計算したものです（サンプリングではありません）。下限ケースが最も安いとは限りません。"},
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
    "unpriced": {"en": "{n} line(s) have no price in the catalog and are not in the total", "ja": "{n} 件の明細はカタログに価格がなく、合計に含まれていません"},
    "engine_note": {"en": "Dimensions, formulas and warnings are the estimate engine's own words (English).",
                    "ja": "課金項目・計算式は見積もりエンジンの表記（英語）のままです。"},
    "tax_note": {"en": "AWS prices exclude tax.", "ja": "AWS の価格は税抜です。"},
    "dates_note": {"en": "Tables give dates as YYYY-MM-DD.", "ja": "表の日付は YYYY-MM-DD 形式です。"},
    "month_note": {"en": "A month is 730 hours.", "ja": "1 か月 = 730 時間として計算しています。"},
    "limits_default": {"en": "AWS's published defaults (pricing/limits.yaml)", "ja": "AWS の公表値（pricing/limits.yaml）"},
    "notes": {"en": "Notes", "ja": "注記"},
    "print_hint": {"en": "Print this page or save it as PDF from the browser (Ctrl+P / ⌘P).",
                   "ja": "ブラウザの印刷（Ctrl+P / ⌘P）で印刷または PDF 保存できます。"},
}


def w(key: str, lang: str, **values) -> str:
    """The export word for `key` in `lang` (English when missing), with `{placeholders}` filled."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def currency_word(currency: str, lang: str) -> str:
    """How a column header names the currency: the ISO code, except "円" in Japanese."""
    return "円" if (currency, lang) == ("JPY", "ja") else currency


def status_word(status: str, lang: str) -> str:
    """pass / warn / fail in the export's language."""
    return w(f"status_{status}", lang)
