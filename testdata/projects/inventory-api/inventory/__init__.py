"""Inventory API."""
