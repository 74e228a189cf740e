resource "aws_kinesis_stream" "events" {
  name             = "events"
  retention_period = 24
  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_kinesis_stream" "audit" {
  name        = "audit"
  shard_count = 3
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  memory_size   = 256
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = "app.handler"
  runtime       = "python3.12"
}

resource "aws_lambda_event_source_mapping" "events_to_worker" {
  event_source_arn  = aws_kinesis_stream.events.arn
  function_name     = aws_lambda_function.worker.arn
  starting_position = "LATEST"
  batch_size        = 250
}

resource "aws_s3_bucket" "lake" {
  bucket = "lake"
}

resource "aws_kinesis_firehose_delivery_stream" "to_lake" {
  name        = "to-lake"
  destination = "extended_s3"
  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.audit.arn
    role_arn           = "arn:aws:iam::123456789012:role/x"
  }
  extended_s3_configuration {
    role_arn           = "arn:aws:iam::123456789012:role/x"
    bucket_arn         = aws_s3_bucket.lake.arn
    buffering_size     = 10
    buffering_interval = 120
    data_format_conversion_configuration {
      enabled = true
    }
  }
}
