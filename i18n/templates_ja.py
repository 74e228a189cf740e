"""Japanese names and descriptions of the bundled design templates (templates/*.yaml), keyed by template key.

A quote in Japanese uses these only when the design still carries the template's own English name
and description (an untouched template); a design the user named keeps the user's words.
`tests/i18n/test_aws_terms.py` fails when a bundled template has no entry here.
"""

from __future__ import annotations

#: template key → (Japanese name, Japanese description)
TEMPLATES_JA: dict[str, tuple[str, str]] = {
    "save_app_data": (
        "アプリデータの保存 (API Gateway → Lambda → DynamoDB)",
        "モバイルアプリが HTTP API を通じてユーザーデータを保存・読み込みします。1 つの関数がオンデマンドモードの "
        "DynamoDB テーブルを読み書きします。"),
    "photo_thumbnails": (
        "写真アップロードとサムネイル作成 (S3 イベント)",
        "アプリが API を通じて写真をアップロードし、関数が S3 に保存します。オブジェクト作成イベントが 2 つ目の関数を"
        "起動し、別のバケットにサムネイルを書き込みます。シンプルな構成ですが、Lambda の再試行後も失敗した S3 イベント"
        "の"
        "呼び出しは、DLQ または失敗時の送信先を設定しない限り失われます。"),
    "photo_thumbnails_sqs": (
        "写真アップロードとサムネイル作成 (SQS バッファ)",
        "S3 イベント版と同じ構成ですが、オブジェクト作成イベントを SQS キューに送り、サムネイル作成関数がキューから"
        "処理します。失敗した処理はキューから再試行され、失われずに DLQ に残ります。"),
    "authenticated_api": (
        "認証付き API (Cognito → API Gateway → Lambda → DynamoDB)",
        "ユーザーは Cognito ユーザープールでサインインします。REST API は Cognito オーソライザーでトークンを確認し、"
        "DynamoDB を読み書きする関数を呼び出します。"),
    "static_site_cdn": (
        "CloudFront 配下の静的サイトと API",
        "1 つの CloudFront ディストリビューションが、Web アプリの静的ファイルを S3 から配信し (キャッシュが効く)、"
        "/api/* を HTTP API に転送します (キャッシュしない)。キャッシュ動作ごとに 1 つ、計 2 つのコンポーネントとして"
        "示しますが、CloudFront はまとめて課金します (料金階層と無料利用枠はアカウント単位)。"),
    "direct_invoke": (
        "アプリから Lambda を直接呼び出し (Cognito ID プール、API Gateway なし)",
        "モバイルアプリが Cognito ID プール (ゲスト ID。ID プール自体は無料) から一時的な AWS 認証情報を取得し、"
        "Lambda の Invoke API を直接呼び出します。関数は DynamoDB を読み書きします。アプリデータ保存テンプレートと同じ"
        "トラフィックと関数で API Gateway を使わない構成です。安価ですが、API のスロットリング、キャッシュ、リクエスト"
        "検証、カスタムドメインはなく、Lambda の呼び出しレートが入口になります。"),
    # ---- kms
    "api_behind_cloudfront_waf": (
        "CloudFront と WAF の背後の API",
        "CloudFront を API の前に置いてファイアウォールとする構成を、AWS WAF で実現します。"
        "ディストリビューションのウェブ ACL (AWS マネージドルールグループとクライアント IP ごとのレートベースのルール) "
        "の後ろに REST API、関数、テーブルがあり、アップロードはバケットに保存します。"
        "テーブルとバケットは 1 つのカスタマーマネージド KMS キーで暗号化し (SSE-KMS、バケットは S3 バケットキー付き)、"
        "そのリクエストはアカウントの KMS クォータを共有します。"),
    # ---- end kms
    # ---- sfn
    "order_workflow": (
        "注文ワークフロー (API Gateway → Step Functions Express → Lambda → DynamoDB、EventBridge でファンアウト)",
        "購入者は HTTP API から注文し、API は同期 Express ワークフローを実行します。ワークフローは 1 つの関数を 2 回 "
        "(検証、決済) 呼び出し、関数は注文を DynamoDB に記録します。ワークフローは OrderPlaced イベントをカスタム "
        "EventBridge バスに発行し、2 つのルールがイベントを配ります。関数が確認メールを送り、SQS キューが出荷処理に"
        "渡します。"),
    # ---- end sfn
}
