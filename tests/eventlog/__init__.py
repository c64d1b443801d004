"""Tests of eventlog."""
