"""Tests of the researcher exports (datasets/)."""
