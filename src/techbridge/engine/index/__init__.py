"""The persistent index (tantivy) and search over it."""
