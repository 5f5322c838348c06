"""Views of the leads area, by page group; see leads/urls.py."""
