"""Layout builders and component ids shared by pages and callbacks."""
