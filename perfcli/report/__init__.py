"""Reporters: findings → text, JSON, JSONL, CSV (and later JUnit, SARIF, feedback workbooks)."""
