"""Every key binding's id, for checking a keymap.toml (and for the README's list).

Read only when a keymap is given: it imports every screen module.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding


def binding_ids(*more: type) -> dict[str, str]:
    """Binding id → what it does, for every screen's bindings and those of ``more``
    (the app passes its own class: screens never import the app shell)."""
    found: dict[str, str] = {}
    classes: list[type] = list(more)
    for module in pkgutil.iter_modules(_package_path()):
        loaded = importlib.import_module(f"{__package__}.{module.name}")
        classes += [c for _, c in inspect.getmembers(loaded, inspect.isclass)
                    if c.__module__ == loaded.__name__]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, f"{binding.key}: {binding.description}")
    return found


def _package_path() -> list[str]:
    return list(importlib.import_module(__package__ or "coprod_tui.screens").__path__)
