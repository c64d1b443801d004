"""The station's Qt-free services: codes, PIN, batteries, candidate flow, sessions, station DB, lock."""
