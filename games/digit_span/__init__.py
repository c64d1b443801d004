"""Digit span, forward and backward (the Wechsler procedure, adaptive): recall a sequence of digits."""
