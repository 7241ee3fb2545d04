"""Laag tekst."""
