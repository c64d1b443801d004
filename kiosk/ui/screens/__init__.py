"""The station's Qt screens: candidate flow pages, proctor PIN prompt and panel, pause overlay."""
