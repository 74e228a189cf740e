"""models/design"""
