"""Tests of games.bart."""
