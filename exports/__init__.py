"""Document writers: pure functions from a loaded session to a file's bytes.

No Textual here; python-docx is imported inside the writers so start-up stays fast.

Where things are:

* ``facts.py`` - what happened at a session, gathered once (with the privacy rule
  applied) for both kinds of minutes; no python-docx.
* ``coprod_tui/evidence.py`` (in the core, as the screens show the same figures) -
  evidence of involvement, the comment-card tally and the 'I' statements check.
* ``follow_up.py`` - the data behind "You said, We did"; no python-docx.
* ``plain.py`` - dates, lists and XML-safe text in plain English.
* ``docx_base.py`` - a Word document set up our way: metadata, en-GB, fonts,
  headings, header-row tables, page numbers.
* ``minutes.py``, ``easy_read.py``, ``you_said_we_did.py`` - the three documents;
  an idea, for example, is written to Word in ``minutes._item`` and
  ``easy_read._item``.

``coprod_tui.exporting.render`` chooses the writer for a format.
"""
