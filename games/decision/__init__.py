"""Micro-decision scenarios: pick one of a few options (no right answer) and, where asked, say why."""
