"""Step 5, views: the interactive web map, static images and downloadable files of a Document."""
