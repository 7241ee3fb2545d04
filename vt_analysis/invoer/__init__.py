"""Laag invoer."""
