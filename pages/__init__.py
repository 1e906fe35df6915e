"""Dash pages: each module registers a path and returns a layout built in dashboard_app.ui."""
