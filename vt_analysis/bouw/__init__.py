"""Laag bouw."""
