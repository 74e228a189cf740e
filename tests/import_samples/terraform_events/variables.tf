variable "region" {
  type    = string
  default = "ap-northeast-1"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "api_memory_mb" {
  type    = number
  default = 512
}

variable "enable_archive" {
  type    = bool
  default = true
}

variable "table_read_capacity" {
  type = number
}
