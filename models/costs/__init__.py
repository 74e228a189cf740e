"""models/costs"""
