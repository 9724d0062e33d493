"""mlkata serve: the trainer as local web pages over the same core as the CLI (see docs/web.md)."""
