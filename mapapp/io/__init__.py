"""I/O at the edges: atomic writes, decoding text files, layer folders, where files live."""
