"""Reconciliation with the final accounts (决算) and the matching of projects across forms."""
