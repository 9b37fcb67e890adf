"""Storage: one TinyDB file per session, written atomically and durably.

Nothing here imports Textual or python-docx (a test enforces it).
"""

from .store import Store, open_store

__all__ = ["Store", "open_store"]
