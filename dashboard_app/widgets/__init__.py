"""Dashboard widget types: one small module each, collected in registry.WIDGET_TYPES."""
