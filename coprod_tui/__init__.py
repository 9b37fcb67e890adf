"""coprod: a facilitator's assistant for co-production workshops.

The package root stays import-light: ``coprod --help`` and ``--version`` must
start without loading Textual or python-docx.
"""

__version__ = "0.1.0"
