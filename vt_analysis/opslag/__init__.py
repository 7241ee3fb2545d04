"""Laag opslag."""
