"""The offline gazetteer: an SQLite index built once from packages and data/, and its queries."""
