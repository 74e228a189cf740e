terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  prefix         = "events-${var.environment}"
  is_prod        = var.environment == "prod"
  worker_timeout = local.is_prod ? 60 : 30
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "${local.prefix}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# --- API: REST for partners, HTTP for the web app -------------------------

resource "aws_api_gateway_rest_api" "partner" {
  name = "${local.prefix}-partner"
}

resource "aws_api_gateway_resource" "events" {
  rest_api_id = aws_api_gateway_rest_api.partner.id
  parent_id   = aws_api_gateway_rest_api.partner.root_resource_id
  path_part   = "events"
}

resource "aws_api_gateway_method" "post_event" {
  rest_api_id   = aws_api_gateway_rest_api.partner.id
  resource_id   = aws_api_gateway_resource.events.id
  http_method   = "POST"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "post_event" {
  rest_api_id             = aws_api_gateway_rest_api.partner.id
  resource_id             = aws_api_gateway_resource.events.id
  http_method             = aws_api_gateway_method.post_event.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.ingest.invoke_arn
}

resource "aws_apigatewayv2_api" "web" {
  name          = "${local.prefix}-web"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "query" {
  api_id                 = aws_apigatewayv2_api.web.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.query.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "query" {
  api_id    = aws_apigatewayv2_api.web.id
  route_key = "GET /events"
  target    = "integrations/${aws_apigatewayv2_integration.query.id}"
}

# --- Functions -------------------------------------------------------------

resource "aws_lambda_function" "ingest" {
  function_name = "${local.prefix}-ingest"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "ingest.handler"
  filename      = "build/ingest.zip"
  memory_size   = var.api_memory_mb
  timeout       = 10
  architectures = ["arm64"]

  reserved_concurrent_executions = local.is_prod ? 100 : -1

  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.events.url
    }
  }
}

resource "aws_lambda_provisioned_concurrency_config" "ingest" {
  function_name                     = aws_lambda_function.ingest.function_name
  qualifier                         = "live"
  provisioned_concurrent_executions = 3
}

resource "aws_lambda_function" "query" {
  function_name = "${local.prefix}-query"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "query.handler"
  filename      = "build/query.zip"
  memory_size   = 256
  architectures = ["arm64"]

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.events.name
    }
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "${local.prefix}-worker"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "worker.handler"
  filename      = "build/worker.zip"
  memory_size   = 1024
  timeout       = local.worker_timeout

  ephemeral_storage {
    size = 4096
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.events_dlq.arn
  }
}

resource "aws_lambda_function" "stream_processor" {
  function_name = "${local.prefix}-stream"
  role          = aws_iam_role.lambda.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/stream.zip"

  environment {
    variables = {
      TOPIC_ARN = aws_sns_topic.alerts.arn
    }
  }
}

resource "aws_lambda_function" "compactor" {
  function_name = "${local.prefix}-compactor"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "compact.handler"
  filename      = "build/compact.zip"
  memory_size   = 3008
  timeout       = 900
}

# --- Queue, table, topic, buckets -----------------------------------------

resource "aws_sqs_queue" "events" {
  name                       = "${local.prefix}-events"
  visibility_timeout_seconds = 180
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dlq.arn
    maxReceiveCount     = 4
  })
}

resource "aws_sqs_queue" "events_dlq" {
  name = "${local.prefix}-events-dlq"
}

resource "aws_lambda_event_source_mapping" "events_to_worker" {
  event_source_arn = aws_sqs_queue.events.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}

resource "aws_dynamodb_table" "events" {
  name           = "${local.prefix}-events"
  billing_mode   = "PROVISIONED"
  read_capacity  = var.table_read_capacity
  write_capacity = 20
  hash_key       = "pk"
  range_key      = "sk"
  table_class    = "STANDARD_INFREQUENT_ACCESS"

  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
  attribute {
    name = "source"
    type = "S"
  }

  global_secondary_index {
    name            = "by_source"
    hash_key        = "source"
    projection_type = "KEYS_ONLY"
    read_capacity   = 5
    write_capacity  = 10
  }

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_lambda_event_source_mapping" "table_stream" {
  event_source_arn  = aws_dynamodb_table.events.stream_arn
  function_name     = aws_lambda_function.stream_processor.arn
  starting_position = "LATEST"
}

resource "aws_sns_topic" "alerts" {
  name = "${local.prefix}-alerts"
}

resource "aws_sns_topic_subscription" "alerts_to_archive" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.alert_archive.arn
}

resource "aws_sns_topic_subscription" "alerts_by_mail" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = "oncall@example.com"
}

resource "aws_sqs_queue" "alert_archive" {
  name       = "${local.prefix}-alerts.fifo"
  fifo_queue = false
}

resource "aws_s3_bucket" "uploads" {
  bucket = "${local.prefix}-uploads"
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  lambda_function {
    lambda_function_arn = aws_lambda_function.compactor.arn
    events              = ["s3:ObjectCreated:*"]
    filter_suffix       = ".json"
  }
}

resource "aws_s3_bucket" "archive" {
  count  = var.enable_archive ? 1 : 0
  bucket = "${local.prefix}-archive"
}

resource "aws_s3_bucket" "legacy" {
  count  = 0
  bucket = "${local.prefix}-legacy"
}

# --- Schedule --------------------------------------------------------------

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.prefix}-nightly"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly_query" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.query.arn
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${local.prefix}-worker"
  retention_in_days = 14
}

module "alarms" {
  source = "./modules/alarms"
}
