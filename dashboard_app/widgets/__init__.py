"""Dashboard widget renderers: one small module each, collected in registry.RENDERERS."""
