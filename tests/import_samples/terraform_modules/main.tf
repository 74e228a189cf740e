# A root module that uses local modules with for_each, a counted resource, and modules that are
# not followed (registry, git, outside the folder). Expected design: tests/importers/test_import_tf_modules.py

provider "aws" {
  region = "ap-northeast-1"
}

variable "workers" {
  description = "worker name → memory (MB)"
  default = {
    orders = 512
    emails = 256
  }
}

module "queues" {
  source   = "./modules/queue"
  for_each = var.workers
  name     = each.key
}

module "workers" {
  source    = "./modules/worker"
  for_each  = var.workers
  name      = each.key
  memory    = each.value
  queue_arn = module.queues[each.key].arn
}

module "disabled_worker" {
  source    = "./modules/worker"
  name      = "disabled"
  queue_arn = module.queues["orders"].arn
  create    = false
}

module "lambda_from_registry" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"
}

module "from_git" {
  source = "git::https://example.com/infra/modules.git//bucket?ref=v1.2.0"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_subscription" "alerts_to_emails" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "sqs"
  endpoint  = module.queues["emails"].arn
}

resource "aws_dynamodb_table" "shard" {
  count        = 2
  name         = "shard-${count.index}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
}

output "orders_function" {
  value = module.workers["orders"].function_name
}
