"""Laag model."""
