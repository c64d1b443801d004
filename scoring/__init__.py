"""Scoring: pure, deterministic, versioned metrics and traits from a session's events."""
