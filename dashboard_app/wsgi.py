"""WSGI entry point for gunicorn: `gunicorn dashboard_app.wsgi:server`."""

from dashboard_app import create_app

server = create_app()
