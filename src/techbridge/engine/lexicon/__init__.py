"""Bilingual lexicons: the curated glossary and CC-CEDICT, and query translation."""
