"""Bulk import and export of listings (CSV, XLSX, JSON)."""
