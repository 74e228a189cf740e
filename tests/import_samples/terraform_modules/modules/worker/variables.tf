variable "name" {
  type = string
}

variable "memory" {
  type    = number
  default = 128
}

variable "timeout" {
  type    = number
  default = 30
}

variable "queue_arn" {
  type = string
}

variable "create" {
  type    = bool
  default = true
}
