"""models/dynamodb_planner"""
