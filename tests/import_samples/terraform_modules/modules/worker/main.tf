resource "aws_lambda_function" "this" {
  count         = var.create ? 1 : 0
  function_name = "worker-${var.name}"
  memory_size   = var.memory
  timeout       = var.timeout
  architectures = ["arm64"]
  runtime       = "python3.12"
  handler       = "app.handler"
  role          = "arn:aws:iam::123456789012:role/worker"
}

resource "aws_lambda_event_source_mapping" "this" {
  count            = var.create ? 1 : 0
  event_source_arn = var.queue_arn
  function_name    = aws_lambda_function.this[0].arn
  batch_size       = 10
}

output "function_name" {
  value = var.name
}
