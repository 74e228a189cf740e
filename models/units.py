"""Units the whole core shares, defined once.

AWS prices a month as 730 hours (8,760 hours a year / 12): the Lambda, DynamoDB and API Gateway
pricing pages all use it for their monthly examples, and so does every figure here.
"""

from __future__ import annotations

from decimal import Decimal

HOURS_PER_MONTH = 730                      # AWS's monthly convention
MINUTES_PER_MONTH = HOURS_PER_MONTH * 60   # 43,800: the length of every traffic series
SECONDS_PER_MONTH = MINUTES_PER_MONTH * 60
DAYS_PER_MONTH = HOURS_PER_MONTH / 24      # 30.416...
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7
MINUTES_PER_WEEK = 7 * 24 * 60

MONTH_HOURS_DEC = Decimal(HOURS_PER_MONTH)      # the same month as Decimal, for money
MONTH_SECONDS_DEC = Decimal(SECONDS_PER_MONTH)
KB_PER_GB = Decimal(1024 * 1024)  # AWS bills data in GB of 2^30 bytes
