"""The Tower of London (Shallice 1982): move three balls from a start to a goal board in as few moves as possible."""
