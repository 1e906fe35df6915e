"""Domain services: plain functions over (session, user_id, ...) that return plain data."""
