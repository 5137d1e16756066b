"""Plain document model to RDF with provenance, and the stores that hold it. No NLP here."""
