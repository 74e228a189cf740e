"""Calibrate a design from observed CloudWatch metrics: fit the traffic shape, volumes, durations and consumed
capacity (fit.py), then put them into a design mapping with their provenance (apply.py). Pure: no I/O."""
