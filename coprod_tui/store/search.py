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

from .index import LATEST, SELECT_SUMMARY, SHIFT, Row, SessionIndex
from .summary import SessionSummary

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
    #: What a snippet marks, in lower-case text (see ``marks``).
    pattern: re.Pattern[str] | None = None

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
        matching = " ".join('"' + t.replace('"', '""') + ('"*' if len(t) > 1 else '"')
                            for t in dict.fromkeys(terms))
        prefixes = list(dict.fromkeys(prefixes))
        literal = list(dict.fromkeys(literal))
        return cls(words, matching, tuple(literal), tuple(prefixes),
                   marks(prefixes, literal))


def marks(prefixes: list[str], literal: list[str]) -> re.Pattern[str] | None:
    """One pattern for what a snippet marks: a word starting with a prefix (a single
    letter: that word alone), or a word with punctuation as typed. (Python's word
    characters stand in for the index's here: a mark is only a mark.)"""
    parts = []
    longer = sorted((p for p in prefixes if len(p) > 1), key=len, reverse=True)
    single = [p for p in prefixes if len(p) == 1]
    if longer:
        parts.append(r"(?<!\w)(?:" + "|".join(map(re.escape, longer)) + r")\w*")
    if single:
        parts.append(r"(?<!\w)(?:" + "|".join(map(re.escape, single)) + r")(?!\w)")
    if literal:
        parts.append("|".join(map(re.escape, sorted(literal, key=len, reverse=True))))
    return re.compile("|".join(parts)) if parts else None


def contains_words(body: str | None, word: str) -> bool:
    """SQL function coprod_contains: is ``word`` in ``body``, ignoring case?"""
    return body is not None and word in body.casefold()


# -- searching ---------------------------------------------------------------------------
#
# Matches are ranked by bm25 when there are at most RANK_LIMIT of them, or when
# all of them are asked for (the command line). Ranking costs over a microsecond a
# match, all of which must be ranked to find the best few: 10,000 is about 15 ms,
# a sixth of what a keystroke may take. A word in more records than that (the
# first letters typed, "the") says little about which matters most: then a page
# shows the records added last first, which costs nothing, and typing another
# word narrows them.

RANK_LIMIT = 10_000
_SESSION_OF = f"(words.rowid >> {SHIFT})"


def _matching(query: Query, filters: Filters, *,
              details: bool = False) -> tuple[str, list[object], str]:
    """FROM and WHERE for the records matching ``query`` in allowed sessions (each
    joined to its record and session only where needed, or with ``details``),
    their values, and the column holding a record's number."""
    more, params = filters.sql()
    where: list[str] = []
    values: list[object] = []
    if query.fts:
        source = "FROM words"
        where.append("words MATCH ?")
        values.append(query.fts)
        if query.literal or details:
            source += " JOIN records r ON r.n = words.rowid"
        if more or details:
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
    #: True if the hits are best first (bm25); False: the newest first (RANK_LIMIT).
    ranked: bool = True


def find(index: SessionIndex, text: str, filters: Filters = Filters(), *,
         limit: int | None = 50, offset: int = 0, marks: bool = True) -> list[Match]:
    """Records holding every word of ``text``, best first (``limit`` None: all);
    ``marks`` False: snippets without the matched words' offsets (no one shows them)."""
    return find_page(index, text, filters, limit=limit, offset=offset, marks=marks).hits


def find_page(index: SessionIndex, text: str, filters: Filters = Filters(), *,
              limit: int | None = 50, offset: int = 0, marks: bool = True) -> Page:
    """``find``, and the number of hits without the limit."""
    query = Query.of(text, index.fts)
    if not query.words:
        return Page([], 0)
    body, values, row = _matching(query, filters)
    total = _count(index, body, values)
    if not total:
        return Page([], 0)
    ranked = bool(query.fts) and (limit is None or total <= RANK_LIMIT)  # all: ranked
    order = "ORDER BY words.rank, words.rowid" if ranked else f"ORDER BY {row} DESC"
    if limit is None:  # everything (the command line): one query, no second look-up
        body, values, row = _matching(query, filters, details=True)
        sql = f"SELECT s.id, s.title, s.date, r.kind, r.record_id, r.body {body} {order}"
        return Page([_hit(query, *r, marks=marks) for r in index.query(sql, values)],
                    total, ranked)
    rows = [r[0] for r in index.query(f"SELECT {row} {body} {order} LIMIT ? OFFSET ?",
                                      [*values, limit, offset])]
    return Page(_details(index, query, rows, marks), total, ranked)


def _hit(query: Query, sid: str, title: str, date: str, kind: str, rid: str,
         text: str, *, marks: bool = True) -> Match:
    snippet, spans = make_snippet(text, query, marks=marks)
    return Match(sid, title, date, kind, rid, text, snippet, spans)


def _details(index: SessionIndex, query: Query, rows: list[int],
             marks: bool = True) -> list[Match]:
    """The hits for these records, in this order, with their snippets."""
    found: dict[int, Row] = {}
    for start in range(0, len(rows), 500):  # (older SQLite builds take 999 parameters)
        part = rows[start:start + 500]
        found.update((r[0], r) for r in index.query(
            f"SELECT r.n, s.id, s.title, s.date, r.kind, r.record_id, r.body "
            f"FROM records r JOIN sessions s ON s.n = (r.n >> {SHIFT}) "
            f"WHERE r.n IN ({', '.join('?' * len(part))})", part))
    return [_hit(query, *found[n][1:], marks=marks) for n in rows]


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
    return sessions_page(index, text, filters, limit=limit, offset=offset)[0]


def count_sessions(index: SessionIndex, text: str = "", filters: Filters = Filters()) -> int:
    return sessions_page(index, text, filters, limit=0)[1]


def sessions_page(index: SessionIndex, text: str = "", filters: Filters = Filters(), *,
                  limit: int | None = 50, offset: int = 0) -> tuple[list[SessionSummary], int]:
    """``sessions``, and how many there are in all.

    The sessions with a match are found once (their numbers, from the full-text
    index alone); then the sessions the filters allow are walked latest first,
    by number only, until the page is full (and, with filters, to the end, to
    count them): one look at the full-text index serves the page and the count.
    """
    where, params = filters.sql()
    condition = " WHERE " + " AND ".join(where) if where else ""
    query = Query.of(text, index.fts)
    if not query.words:
        paging = "" if limit is None else " LIMIT ? OFFSET ?"
        rows = [SessionSummary.from_row(r) for r in index.query(
            f"{SELECT_SUMMARY}{condition} {LATEST}{paging}",
            [*params, *([] if limit is None else [limit, offset])])]
        if limit is None or (offset == 0 and len(rows) < limit):
            return rows, offset + len(rows)
        return rows, index.query(f"SELECT count(*) FROM sessions s{condition}", params)[0][0]
    numbers = set(_session_numbers(index, query))
    if not numbers:
        return [], 0
    chosen: list[int] = []
    seen = 0  # matches met so far, latest first
    with index.lock:
        for (n,) in index.conn.execute(f"SELECT s.n FROM sessions s{condition} {LATEST}",
                                       params):
            if n not in numbers:
                continue
            seen += 1
            if seen > offset and (limit is None or len(chosen) < limit):
                chosen.append(n)
            full = limit is not None and len(chosen) >= limit
            if not where and (full or seen == len(numbers)):
                break  # every match is allowed: the count is known, the page done
    total = len(numbers) if not where else seen
    found: dict[int, Row] = {}
    for start in range(0, len(chosen), 500):  # (older SQLite builds take 999 parameters)
        part = chosen[start:start + 500]
        found.update((r[0], r[1:]) for r in index.query(
            f"SELECT s.n, {SELECT_SUMMARY[len('SELECT '):]} WHERE s.n IN "
            f"({', '.join('?' * len(part))})", part))
    return [SessionSummary.from_row(found[n]) for n in chosen], total


def _session_numbers(index: SessionIndex, query: Query) -> list[int]:
    """The numbers of the sessions whose title or any record holds every word."""
    body, values, row = _matching(query, Filters())
    titled = ["titles MATCH ?"] if query.fts else []
    title_values: list[object] = [query.fts] if query.fts else []
    for word in query.literal:
        titled.append("coprod_contains(t.title, ?)")
        title_values.append(word)
    title_source = ("FROM titles JOIN sessions t ON t.n = titles.rowid" if query.fts
                    else "FROM sessions t")
    return [r[0] for r in index.query(
        f"SELECT {row} >> {SHIFT} {body} "
        f"UNION SELECT t.n {title_source} WHERE {' AND '.join(titled)}",
        [*values, *title_values])]


# -- snippets ----------------------------------------------------------------------------

def make_snippet(body: str, query: Query, room: int = SNIPPET_CHARS, *,
                 marks: bool = True) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text around the first matched word, on one line, and where each
    matched word is in it. Made here, not by FTS5's snippet(), which reads every
    match's positions again (25 ms for a page of a common word, against well
    under one here)."""
    low = body.lower()
    if len(low) != len(body):  # lowering changed lengths: offsets would not fit
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in body)
    pattern = query.pattern
    found = pattern.search(low) if pattern is not None else None
    first = found.start() if found is not None else 0
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
    shift = len(lead) - lo
    spans = () if pattern is None or not marks else tuple(
        (m.start() + shift, m.end() + shift) for m in pattern.finditer(low, lo, hi)
        if m.end() > m.start())
    return text, spans


_LINE_BREAKS = re.compile(r"[\n\t]")
