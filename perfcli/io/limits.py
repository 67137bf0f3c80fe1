"""Safety limits for untrusted input. Nothing is loaded past them (E004)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * 1024 * 1024  # size on disk
    max_uncompressed_bytes: int = 400 * 1024 * 1024  # sum of zip members
    max_member_ratio: int = 200  # uncompressed / compressed per zip member (bombs reach 1000+)
    max_members: int = 5_000
    max_sheets: int = 500
    max_cells: int = 2_000_000  # non-empty cells in one sheet
    max_grid_area: int = 20_000_000  # rows × cols of a sheet's used range before it is materialised
    max_rows: int = 1_048_576
    max_cols: int = 16_384
    max_merged_ranges: int = 100_000  # merged ranges in one sheet
    worker_memory_bytes: int = 6 * 1024 * 1024 * 1024  # address-space cap inside a worker process


DEFAULT_LIMITS = Limits()
