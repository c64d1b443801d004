"""Games: pure rules (no Qt, no clock) and their Qt views."""
