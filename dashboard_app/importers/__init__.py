"""Readers of other apps' exports; each turns a file into an ImportBatch (see batch.py)."""
