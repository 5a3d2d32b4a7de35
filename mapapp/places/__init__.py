"""Step 3, places: each span resolved to one gazetteer entry in the document's context, plus borders."""
