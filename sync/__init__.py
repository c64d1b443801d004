"""Sync: signed session bundles, the offline-first upload client and the reference receiver."""
