"""Serving while the data changes: the data generation, the response cache in front of Django,
HTTP validators and compression."""
