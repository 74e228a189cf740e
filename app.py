"""Serverless Planner — the Streamlit app. Run: streamlit run app.py (the frame is webapp/main.py)."""

from webapp.main import main

main()
