"""Tests of games.decision."""
