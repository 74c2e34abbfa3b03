"""Selecting functioning practices: the public call, the long list, the scored short list and promotion."""
