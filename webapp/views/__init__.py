"""webapp/views"""
