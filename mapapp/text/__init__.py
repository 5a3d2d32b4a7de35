"""Step 1, text: a document split into passages with exact offsets, and its language."""
