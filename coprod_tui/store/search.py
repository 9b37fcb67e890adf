"""Full-text search over the index: ranked, limited, with the words in context.

A record matches when every word typed is in it, ignoring case: found by the
full-text index (SQLite's FTS5) as the start of a word, so "garden" finds
"gardens" and a word being typed finds its matches as it grows. A single
letter is a word of its own ("a", "I"), not the start of every word. A word holding
punctuation ("marker<7>", "don't") must also appear as typed. Scripts written
without spaces between words (Chinese, Japanese, Thai) cannot be split into
words by the index, so a word in them is looked for as typed in every record,
which is slower but finds it anywhere. Where Python's SQLite has no FTS5 (the
standard builds have it), every word is looked for that way, and hits come
latest first instead of ranked.

Hits are ranked by relevance (bm25) and come with a snippet: plain text around
the matched words with their offsets, never markup, so a screen shows the text
exactly as it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .index import LATEST, SELECT_SUMMARY, SHIFT, SessionIndex, SessionSummary

ELLIPSIS = "…"
#: About how many characters of a record a snippet shows.
SNIPPET_CHARS = 100


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: a record, its session, and the matched words in context."""

    session_id: str
    title: str
    date: str
    kind: str
    record_id: str
    text: str
    #: Plain text around the matched words ("…" where it was cut).
    snippet: str = ""
    #: (start, end) offsets of each matched word in ``snippet``.
    spans: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Filters:
    """What else a hit's session must be (empty: anything)."""

    group_id: str | None = None
    date_from: str = ""
    date_to: str = ""
    method: str = ""
    status: str = ""

    def sql(self) -> tuple[list[str], list[object]]:
        where: list[str] = []
        params: list[object] = []
        if self.group_id:
            where.append("s.group_id = ?")
            params.append(self.group_id)
        if self.date_from:
            where.append("s.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            where.append("s.date <= ?")
            params.append(self.date_to)
        if self.method:
            # methods holds the keys (letters and _) joined by commas: match one whole.
            where.append("instr(',' || s.methods || ',', ?) > 0")
            params.append(f",{self.method},")
        if self.status:
            where.append("s.status = ?")
            params.append(self.status)
        return where, params


# -- the words typed ---------------------------------------------------------------------

def _token_char(ch: str) -> bool:
    """What the tokenizer (index.TOKENIZER) keeps inside a word."""
    return unicodedata.category(ch)[0] in "LNM" or unicodedata.category(ch) == "Co"


_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _tokens(word: str) -> list[str]:
    tokens, current = [], []
    for ch in word:
        if _token_char(ch):
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


@dataclass(frozen=True, slots=True)
class Query:
    """The words typed, as a full-text query and the words to check as typed."""

    words: tuple[str, ...]
    #: The FTS5 query ("" when no word can use the index).
    fts: str
    #: Words to look for as typed, in the text itself (see the module's notes).
    literal: tuple[str, ...]
    #: Plain words (no punctuation), lower case: a snippet marks words starting so
    #: (a single letter: only that word).
    prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, text: str, fts: bool = True) -> Query:
        """``fts`` False: no full-text index here, so every word is looked for as typed."""
        # The index lowers case (as str.lower); a word checked as typed is casefolded.
        typed = list(dict.fromkeys(text.split()))
        words = tuple(dict.fromkeys(w.casefold() for w in typed))
        terms: list[str] = []
        prefixes: list[str] = []
        literal: list[str] = []
        for word in typed:
            tokens = _tokens(word.lower())
            if not fts or not tokens or _UNSPACED.search(word):
                literal.append(word.casefold())
                continue
            terms += tokens
            if tokens == [word.lower()]:
                prefixes.append(word.lower())
            else:  # "don't": the index finds "don" and "t", the text must hold "don't"
                literal.append(word.casefold())
        fts = " ".join('"' + t.replace('"', '""') + ('"*' if len(t) > 1 else '"')
                       for t in dict.fromkeys(terms))
        return cls(words, fts, tuple(dict.fromkeys(literal)),
                   tuple(dict.fromkeys(prefixes)))


def contains_words(body: str | None, word: str) -> bool:
    """SQL function coprod_contains: is ``word`` in ``body``, ignoring case?"""
    return body is not None and word in body.casefold()


# -- searching ---------------------------------------------------------------------------
#
# Matches are ranked by bm25 when there are at most RANK_LIMIT of them, or when
# all of them are asked for. Ranking costs about a microsecond a match, and a word
# in tens of thousands of records (a single letter as the first key is pressed,
# or "the") says little about which matters most: then a page shows the records
# added last first, which costs nothing, and typing another word narrows them.

RANK_LIMIT = 20_000
_SESSION_OF = f"(words.rowid >> {SHIFT})"


def _matching(query: Query, filters: Filters) -> tuple[str, list[object], str]:
    """FROM and WHERE for the records matching ``query`` in allowed sessions."""
    more, params = filters.sql()
    where: list[str] = []
    values: list[object] = []
    if query.fts:
        source = "FROM words"
        where.append("words MATCH ?")
        values.append(query.fts)
        if query.literal:
            source += " JOIN records r ON r.n = words.rowid"
        if more:
            source += f" JOIN sessions s ON s.n = {_SESSION_OF}"
        row = "words.rowid"
    else:
        source = f"FROM records r JOIN sessions s ON s.n = (r.n >> {SHIFT})"
        row = "r.n"
    for word in query.literal:
        where.append("coprod_contains(r.body, ?)")
        values.append(word)
    where += more
    values += params
    return f"{source} WHERE {' AND '.join(where)}", values, row


@dataclass(frozen=True, slots=True)
class Page:
    """One page of hits, and how many there are in all."""

    hits: list[Match]
    total: int


def find(index: SessionIndex, text: str, filters: Filters = Filters(), *,
         limit: int | None = 50, offset: int = 0) -> list[Match]:
    """Records holding every word of ``text``, best first (``limit`` None: all)."""
    return find_page(index, text, filters, limit=limit, offset=offset).hits


def find_page(index: SessionIndex, text: str, filters: Filters = Filters(), *,
              limit: int | None = 50, offset: int = 0) -> Page:
    """``find``, and the number of hits without the limit."""
    query = Query.of(text, index.fts)
    if not query.words:
        return Page([], 0)
    body, values, row = _matching(query, filters)
    total = _count(index, body, values)
    if not total:
        return Page([], 0)
    if query.fts and (limit is None or total <= RANK_LIMIT):  # all of them: rank
        order = "ORDER BY words.rank, words.rowid"
    else:
        order = f"ORDER BY {row} DESC"
    paging, page = ("", []) if limit is None else (" LIMIT ? OFFSET ?", [limit, offset])
    rows = [r[0] for r in index.query(f"SELECT {row} {body} {order}{paging}",
                                      [*values, *page])]
    return Page(_details(index, query, rows), total)


def _details(index: SessionIndex, query: Query, rows: list[int]) -> list[Match]:
    """The hits for these records, in this order, with their snippets."""
    found: dict[int, tuple] = {}
    for start in range(0, len(rows), 500):  # (older SQLite builds take 999 parameters)
        part = rows[start:start + 500]
        found.update((r[0], r) for r in index.query(
            f"SELECT r.n, s.id, s.title, s.date, r.kind, r.record_id, r.body "
            f"FROM records r JOIN sessions s ON s.n = (r.n >> {SHIFT}) "
            f"WHERE r.n IN ({', '.join('?' * len(part))})", part))
    hits = []
    for n in rows:
        _n, sid, title, date, kind, rid, text_ = found[n]
        snippet, spans = make_snippet(text_, query)
        hits.append(Match(sid, title, date, kind, rid, text_, snippet, spans))
    return hits


def _count(index: SessionIndex, body: str, values: list[object]) -> int:
    return index.query(f"SELECT count(*) {body}", values)[0][0]


def count(index: SessionIndex, text: str, filters: Filters = Filters()) -> int:
    """How many records ``find`` would return without a limit."""
    query = Query.of(text, index.fts)
    if not query.words:
        return 0
    body, values, _row = _matching(query, filters)
    return _count(index, body, values)


def sessions(index: SessionIndex, text: str = "", filters: Filters = Filters(), *,
             limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
    """Sessions the filters allow whose title or any record holds every word of
    ``text`` (no text: every session the filters allow), latest first."""
    where, params = _session_where(index, text, filters)
    sql = SELECT_SUMMARY + (" WHERE " + " AND ".join(where) if where else "") + " " + LATEST
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [SessionSummary.from_row(r) for r in index.query(sql, params)]


def count_sessions(index: SessionIndex, text: str = "", filters: Filters = Filters()) -> int:
    where, params = _session_where(index, text, filters)
    return index.query("SELECT count(*) FROM sessions s"
                       + (" WHERE " + " AND ".join(where) if where else ""), params)[0][0]


def _session_where(index: SessionIndex, text: str,
                   filters: Filters) -> tuple[list[str], list[object]]:
    where, params = filters.sql()
    query = Query.of(text, index.fts)
    if not query.words:
        return where, params
    body, values, row = _matching(query, Filters())
    titled = ["titles MATCH ?"] if query.fts else []
    title_values: list[object] = [query.fts] if query.fts else []
    for word in query.literal:
        titled.append("coprod_contains(t.title, ?)")
        title_values.append(word)
    title_source = ("FROM titles JOIN sessions t ON t.n = titles.rowid" if query.fts
                    else "FROM sessions t")
    where.append(f"s.n IN (SELECT {row} >> {SHIFT} {body} "
                 f"UNION SELECT t.n {title_source} WHERE {' AND '.join(titled)})")
    return where, params + values + title_values


# -- snippets ----------------------------------------------------------------------------

def make_snippet(body: str, query: Query,
                 room: int = SNIPPET_CHARS) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text around the first matched word, on one line, and where each
    matched word is in it. Made here, not by FTS5's snippet(), which reads every
    match's positions again (25 ms for a page of a common word, against well
    under one here)."""
    low = body.lower()
    if len(low) != len(body):  # lowering changed lengths: offsets would not fit
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in body)
    first = min((at for at in (_first_match(low, query)) if at >= 0), default=0)
    lo = max(0, first - room // 3)
    if lo:  # start at a word
        space = body.rfind(" ", max(0, lo - 15), first)
        lo = space + 1 if space >= 0 else lo
    hi = min(len(body), lo + room)
    if hi < len(body):
        space = body.rfind(" ", first, hi)
        hi = space if space > first else hi
    lead = ELLIPSIS if lo else ""
    text = lead + _LINE_BREAKS.sub(" ", body[lo:hi]) + (ELLIPSIS if hi < len(body) else "")
    spans = [(at - lo + len(lead), end - lo + len(lead))
             for at, end in _matches(low, query, lo, hi)]
    return text, tuple(spans)


_LINE_BREAKS = re.compile(r"[\n\t]")


def _starts_word(low: str, at: int) -> bool:
    return at == 0 or not _token_char(low[at - 1])


def _word_at(low: str, at: int, prefix: str) -> bool:
    """Does a word that ``prefix`` finds start at ``at`` (a single letter: all of it)?"""
    if not _starts_word(low, at):
        return False
    end = at + len(prefix)
    return len(prefix) > 1 or end >= len(low) or not _token_char(low[end])


def _first_match(low: str, query: Query) -> list[int]:
    found = []
    for prefix in query.prefixes:
        at = low.find(prefix)
        while at >= 0 and not _word_at(low, at, prefix):
            at = low.find(prefix, at + 1)
        found.append(at)
    found += [low.find(word) for word in query.literal]
    return found


def _matches(low: str, query: Query, lo: int, hi: int) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for prefix in query.prefixes:
        at = low.find(prefix, lo, hi)
        while at >= 0:
            if _word_at(low, at, prefix):
                end = at + len(prefix)
                while end < hi and _token_char(low[end]):
                    end += 1
                spans.add((at, end))
            at = low.find(prefix, at + 1, hi)
    for word in query.literal:
        at = low.find(word, lo, hi)
        while at >= 0:
            spans.add((at, at + len(word)))
            at = low.find(word, at + len(word), hi)
    merged: list[tuple[int, int]] = []
    for at, end in sorted(spans):
        if merged and at <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((at, end))
    return merged
