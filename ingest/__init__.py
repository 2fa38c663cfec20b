"""Bytes in, records out: readers, cleaning, metadata and extractors."""
