"""Document writers: pure functions from a loaded session to a file's bytes.

No Textual here; python-docx is imported inside the writers so start-up stays fast.
"""
