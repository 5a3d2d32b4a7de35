"""Step 2, mentions: spans of a passage that may name a place (toponyms, demonyms, border words)."""
