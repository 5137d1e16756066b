"""Text to plain document model: layout repair, structure, mentions. Knows nothing about RDF."""
