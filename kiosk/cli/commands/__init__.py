"""Subcommand modules: each defines register(subparsers) and sets a `handler` default."""
