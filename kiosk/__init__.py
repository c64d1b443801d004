"""HireMate Station: the Qt shell, screens, station services and the event log."""
