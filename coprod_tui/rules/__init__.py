"""The session's rules, with no storage in them.

Each module answers one question about a session as plain functions from records
to records: who speaks next (``hands``), where the agenda clock stands
(``agenda``), who has spoken (``speaking``), what a session's state allows and
when a change becomes a correction (``lifecycle``), how records may refer to one
another (``links``), attendance and follow-up changes (``attendance``,
``actions``), groups and their code of conduct (``groups``), and how a person is
erased (``erasure``). The services (``coprod_tui.service``) apply them and ask the
store to save the result.
"""
