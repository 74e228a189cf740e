"""models/run"""
