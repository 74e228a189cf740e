"""webapp/pages"""
