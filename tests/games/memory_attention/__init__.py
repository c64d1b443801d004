"""Tests of the memory and attention games (issue 14)."""
