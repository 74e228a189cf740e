"""models/checks"""
