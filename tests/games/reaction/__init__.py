"""Tests of games.reaction."""
