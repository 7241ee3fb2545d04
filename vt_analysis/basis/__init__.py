"""Laag basis."""
