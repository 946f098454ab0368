"""The Streamlit side: everything that imports streamlit. `pages/` holds one thin script per page."""
