# Orders: an Express workflow behind an HTTP API, an EventBridge bus fanning out OrderPlaced,
# a pipe from the fulfilment queue to a worker, and a nightly Standard audit workflow.
provider "aws" {
  region = "ap-northeast-1"
}

resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_lambda_function" "order" {
  function_name = "order"
  role          = "arn:aws:iam::123456789012:role/order"
  handler       = "app.handler"
  runtime       = "python3.12"
  memory_size   = 512
  environment {
    variables = {
      TABLE = aws_dynamodb_table.orders.name
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sfn_state_machine" "order" {
  name     = "order"
  role_arn = "arn:aws:iam::123456789012:role/sfn"
  type     = "EXPRESS"
  definition = jsonencode({
    StartAt = "Validate"
    States = {
      Validate = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke",
                   Parameters = { FunctionName = aws_lambda_function.order.arn }, Next = "Charge" }
      Charge   = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke",
                   Parameters = { FunctionName = aws_lambda_function.order.arn }, Next = "Publish" }
      Publish  = { Type = "Task", Resource = "arn:aws:states:::events:putEvents",
                   Parameters = { Entries = [{ EventBusName = aws_cloudwatch_event_bus.orders.name,
                                               Source = "shop.orders", DetailType = "OrderPlaced" }] },
                   End = true }
    }
  })
}

resource "aws_apigatewayv2_integration" "start" {
  api_id              = aws_apigatewayv2_api.orders.id
  integration_type    = "AWS_PROXY"
  integration_subtype = "StepFunctions-StartSyncExecution"
  request_parameters = {
    StateMachineArn = aws_sfn_state_machine.order.arn
  }
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}

resource "aws_cloudwatch_event_rule" "placed" {
  name           = "order-placed"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern  = jsonencode({ source = ["shop.orders"], detail-type = ["OrderPlaced"] })
}

resource "aws_cloudwatch_event_target" "fulfil" {
  rule           = aws_cloudwatch_event_rule.placed.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  arn            = aws_sqs_queue.fulfilment.arn
}

resource "aws_cloudwatch_event_target" "notify" {
  rule           = aws_cloudwatch_event_rule.placed.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  arn            = aws_lambda_function.notify.arn
}

resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = "arn:aws:iam::123456789012:role/notify"
  handler       = "notify.handler"
  runtime       = "python3.12"
}

resource "aws_sqs_queue" "fulfilment" {
  name = "fulfilment"
}

resource "aws_pipes_pipe" "fulfil" {
  name     = "fulfil"
  role_arn = "arn:aws:iam::123456789012:role/pipe"
  source   = aws_sqs_queue.fulfilment.arn
  target   = aws_sfn_state_machine.audit.arn
  filter_criteria {
    filter {
      pattern = jsonencode({ body = { priority = ["high"] } })
    }
  }
}

resource "aws_sfn_state_machine" "audit" {
  name       = "audit"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = <<EOT
{"StartAt": "Record", "States": {
  "Record": {"Type": "Task", "Resource": "${aws_lambda_function.audit.arn}", "Next": "Wait"},
  "Wait": {"Type": "Wait", "Seconds": 60, "Next": "Check"},
  "Check": {"Type": "Task", "Resource": "${aws_lambda_function.audit.arn}", "End": true}}}
EOT
}

resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = "arn:aws:iam::123456789012:role/audit"
  handler       = "audit.handler"
  runtime       = "python3.12"
}

resource "aws_scheduler_schedule" "nightly" {
  name                = "nightly-audit"
  schedule_expression = "rate(1 day)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_sfn_state_machine.audit.arn
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
  }
}
