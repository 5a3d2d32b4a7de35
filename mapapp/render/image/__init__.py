"""Static map images (PNG, SVG, PDF) drawn offline with matplotlib."""
