"""The Streamlit dashboard: `streamlit run dashboards/app.py` (or `noegletal serve`)."""
