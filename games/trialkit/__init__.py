"""Shared machinery of the discrete-trial games (IGT, Tower of London, faces, effort choice, money exchange)."""
