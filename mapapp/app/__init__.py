"""The Streamlit app: thin pages over the library."""
