"""Online geocoding (a Nominatim-compatible service): an optional extra, never required."""
