"""Document writers: from a loaded session (or a group's sessions) to a file's bytes.

No Textual here; python-docx is imported inside the writers so start-up stays fast.
Every writer reads the core's report model (``coprod_tui.report``), which has
already applied the privacy rule and put the session into words once.

Where things are:

* ``formats.py`` - the formats (``FORMATS``, ``GROUP_FORMATS``), ``render``, and
  ``export_session`` / ``export_group``: what the Share step, the group history
  screen and ``coprod export`` all call; the core's ``placing`` writes the file;
* ``docx_base.py`` - ``DocWriter``: headings, paragraphs, lists and header-row
  tables written straight into a document that ``docx_setup.py`` has set up our
  way (metadata, en-GB, fonts, page numbers); ``xml_safe.py`` keeps text XML-safe;
* ``minutes.py``, ``easy_read.py``, ``you_said_we_did.py``, ``impact.py`` - the
  documents; ``minutes_parts.py`` is what both kinds of minutes share (their
  start, and the walk through the agenda). An idea, for example, is written to
  Word by ``minutes_parts.write_discussion`` in the words ``minutes._discussion``
  and ``easy_read._idea`` give it.

The wording (the organisation's own, or coprod's) is always passed in.
"""
