"""The pure core of Serverless Planner: typed inputs in, typed results out.

Nothing in this package imports boto3 or streamlit, reads files, the clock, the environment
or the network (tests/test_architecture.py enforces it).
"""
