"""The index (index.sqlite3): updated, not rewritten; search ranked, with plain snippets.

Damage, loss, crashes and modes are tried in tests/reliability (test_damaged_files,
test_crash, test_privacy); here: what an update touches, what search returns,
paging, reconciling with the files, and reading without writing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_tui.errors import CoprodError
from coprod_tui.review import SessionFilter
from coprod_tui.service import Service
from coprod_tui.store import open_store
from coprod_tui.store.search import Filters, Query, make_snippet
from tests.reliability.conftest import folder_bytes


def sessions(store, group, count, *, ideas=2):
    service = Service(store)
    ids = []
    for n in range(count):
        session = service.create_session(group.id, f"Meeting {n}",
                                         date=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}")
        session.start()  # a session records only once it has started
        for k in range(ideas):
            session.add_idea(f"idea {k} of meeting {n} about the garden")
        session.release()
        ids.append(session.id)
    return ids


def new_session(store, group, title):
    session = Service(store).create_session(group.id, title)
    session.start()  # a session records only once it has started
    return session


# -- an update costs one session, whatever the history --------------------------------------

def touched_by_one_change(tmp_path, count):
    """Statements run and rows changed by the index update after one new idea."""
    with open_store(tmp_path / str(count)) as store:
        group = Service(store).groups.add_group(name="G")
        ids = sessions(store, group, count, ideas=2)
        Service(store).session(ids[count // 2]).add_idea("one more idea, after the meeting")
        file = store.session(ids[count // 2])
        statements, changes = store.index.statements, store.index.conn.total_changes
        size = (tmp_path / str(count) / "index.sqlite3").stat().st_size
        assert store.refresh(file)
        grew = (tmp_path / str(count) / "index.sqlite3").stat().st_size - size
        return (store.index.statements - statements,
                store.index.conn.total_changes - changes, grew)


def test_an_update_touches_the_same_rows_with_ten_sessions_or_two_hundred(tmp_path):
    small = touched_by_one_change(tmp_path, 10)
    large = touched_by_one_change(tmp_path, 200)
    assert small[:2] == large[:2]
    statements, changes, _ = small
    # Upsert the summary, read its number and its records, insert the one new record:
    # nothing else of the session, or of any other session, is written. (SQLite's
    # count includes the rows the full-text index keeps for that one record.)
    assert statements == 4 and changes < 20
    assert large[2] <= 4 * 4096  # a few pages at most, not a rewrite of the file


def test_an_edit_touches_only_the_changed_record(store, group):
    (sid,) = sessions(store, group, 1, ideas=50)
    session = Service(store).session(sid)
    idea = session.ideas()[7]
    before = store.index.statements
    session.correct("idea", idea.id, text="a bench by the pond")  # saved, then indexed
    # Upsert the summary, read its number and its records, one UPDATE.
    assert store.index.statements - before == 4
    assert [m.record_id for m in store.search("pond")] == [idea.id]
    assert not store.search("idea 7 of meeting 0")


def test_a_save_during_a_session_never_touches_the_index(store, group, data_dir):
    file = new_session(store, group, "Live")
    index = data_dir / "index.sqlite3"
    before = (index.stat().st_mtime_ns, index.stat().st_size)
    statements = store.index.statements
    for n in range(5):
        file.add_idea(f"typed live {n}")
    assert (index.stat().st_mtime_ns, index.stat().st_size) == before
    assert store.index.statements == statements
    # Lists and search still see them: open sessions are brought in when asked.
    assert store.latest(limit=1)[0].ideas == 5
    assert len(store.search("typed live")) == 5


# -- search: ranked, limited, snippets as plain text -----------------------------------------

def test_search_is_ranked_with_snippets_that_are_plain_text(store, group):
    file = new_session(store, group, "Access review")
    weak = file.add_idea("We talked about many things today, the car park, the lift, "
                         "the signs, the cafe menu, and also ramps near the side gate.")
    strong = file.add_idea("Ramps, ramps and more ramps")
    markup = file.add_idea("[b]Ramps[/b] at [@click=app.quit]both[/] doors \x1b[31m")
    file.release()
    hits = store.search("RAMPS")
    assert hits[0].record_id == strong.id  # the word three times in a short idea
    assert {h.record_id for h in hits} == {weak.id, strong.id, markup.id}
    shown = next(h for h in hits if h.record_id == markup.id)
    # Exactly the text as stored (escape characters were removed when it was typed),
    # the match found by offsets, never by markup.
    assert shown.snippet == "[b]Ramps[/b] at [@click=app.quit]both[/] doors [31m"
    assert [shown.snippet[a:b] for a, b in shown.spans] == ["Ramps"]
    long = next(h for h in hits if h.record_id == weak.id)
    assert [long.snippet[a:b] for a, b in long.spans] == ["ramps"]
    assert long.text == weak.text  # the whole text is there for whoever wants it


def test_words_are_found_at_the_start_of_words_and_as_typed(store, group):
    file = new_session(store, group, "Words")
    file.add_idea("The gardens need benches")
    file.add_idea("marker<7> is not marker<70>")
    file.add_idea("Don't close the café on Sundays")
    file.add_idea("市の公園でイベントをしたい")  # no spaces between words
    file.release()
    assert [h.text for h in store.search("GARD")] == ["The gardens need benches"]
    assert store.search("ardens") == []  # inside a word: not a word typed
    assert [h.text for h in store.search("marker<7>")] == ["marker<7> is not marker<70>"]
    assert len(store.search("marker<70>")) == 1 and store.search("marker<8>") == []
    assert [h.text for h in store.search("don't café")] == ["Don't close the café on Sundays"]
    assert [h.text for h in store.search("公園")] == ["市の公園でイベントをしたい"]
    hit = store.search("公園")[0]
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["公園"]
    assert store.search("   ") == [] and store.search("?!") == []
    # A single letter is a word of its own, not the start of every word.
    assert [h.text for h in store.search("need a")] == []
    file.add_idea("I need a bench")
    file.release()
    hit, = store.search("need a")
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["need", "a"]


def test_search_pages_and_counts_and_filters(store, group):
    other = Service(store).groups.add_group(name="Other")
    mine = sessions(store, group, 30, ideas=3)
    sessions(store, other, 5, ideas=1)
    page = store.find_page("garden", limit=25)
    assert page.total == 30 * 3 + 5 and len(page.hits) == 25
    rest = store.find("garden", limit=100, offset=25)
    assert len(rest) == page.total - 25
    assert not {(h.record_id) for h in page.hits} & {h.record_id for h in rest}
    only = Filters(group_id=group.id, date_from="2025-03-01", date_to="2025-06-30")
    found = store.find("garden", only, limit=None)
    allowed = {s.id for s in store.summaries(group.id)
               if "2025-03-01" <= s.date <= "2025-06-30"}
    assert found and {h.session_id for h in found} == allowed - (allowed - set(mine))
    assert store.count_found("garden", only) == len(found)
    listed = store.find_sessions("meeting 3", limit=None)  # a title or a record
    assert {s.title for s in listed} >= {"Meeting 3"}
    assert store.count_found_sessions("garden") == 35


def test_sessions_with_the_words_page_and_count_alike_with_or_without_filters(store, group):
    other = Service(store).groups.add_group(name="Other")
    sessions(store, group, 45, ideas=1)
    sessions(store, other, 20, ideas=1)
    for flt in (Filters(), Filters(group_id=group.id), Filters(date_from="2025-06-01")):
        everything, total = store.find_sessions_page("garden", flt, limit=1000)
        assert total == len(everything) > 0
        assert everything == sorted(everything, key=lambda s: s.sort_key, reverse=True)
        paged = []
        for offset in range(0, total + 10, 7):
            page, again = store.find_sessions_page("garden", flt, limit=7, offset=offset)
            assert again == total
            paged += page
        assert [s.id for s in paged] == [s.id for s in everything]
        assert store.count_found_sessions("garden", flt) == total
    assert store.find_sessions_page("meeting 44", limit=5)[1] == 1  # by its title


def test_the_home_list_pages_without_gaps_or_repeats(store, group):
    sessions(store, group, 130, ideas=0)
    everything = [s.id for s in store.summaries()]
    paged, last = [], None
    while True:
        page = store.latest(after=last, limit=40)
        if not page:
            break
        paged += [s.id for s in page]
        last = page[-1]
    assert paged == everything and len(set(paged)) == 130
    assert store.count_sessions() == 130 and store.count_sessions(group.id) == 130


def test_query_words(tmp_path):
    q = Query.of("Garden  garden don't 公園")
    assert q.words == ("garden", "don't", "公園")
    assert q.fts == '"garden"* "don"* "t"'
    assert q.literal == ("don't", "公園")
    text, spans = make_snippet("x " * 200 + "the Garden gate" + " y" * 200, q)
    assert len(text) <= 102 and text.startswith("…") and text.endswith("…")
    assert [text[a:b] for a, b in spans] == ["Garden"]


# -- reconciling, and reading without writing ------------------------------------------------

def test_a_file_changed_behind_the_index_is_caught_up_on_a_thread(data_dir, store, group):
    ids = sessions(store, group, 3)
    Service(store).session(ids[0]).add_idea("written while the index was not looking")
    store._open.pop(ids[0])  # as if this store had died with the change on disk
    store.close()
    later = open_store(data_dir, defer_reconcile=True)
    try:
        assert later.latest(limit=10)[-1].ideas in (2, 3)
        stale = {s.id: s.ideas for s in later.summaries()}
        assert stale[ids[0]] == 2 and not later.search("looking")  # not yet
        done = []
        reconciler = later.reconcile_in_background(done.append)
        reconciler.finished.wait(30)
        assert done == [True]
        assert {s.id: s.ideas for s in later.summaries()}[ids[0]] == 3
        assert later.search("looking")
    finally:
        later.close()


def test_a_summary_taken_on_a_thread_never_overwrites_a_newer_one(store, group):
    (sid,) = sessions(store, group, 1)
    old_sig = list(store.index.sigs()[sid])
    Service(store).session(sid).add_idea("newer")
    assert store.refresh(store.session(sid))  # the app stored the newer summary meanwhile
    stale = store.index.summary(sid)
    stale.ideas = 0
    assert not store.index.put(stale, [], only_if_sig=old_sig)
    assert store.index.summary(sid).ideas == 3


READER = """
import json, sys
from pathlib import Path
from coprod_tui.store import open_store
with open_store(Path(sys.argv[1]), read_only=True) as reader:
    print(json.dumps([{s.id: s.ideas for s in reader.summaries()},
                      [h.text for h in reader.search(sys.argv[2])],
                      reader.resolve(sys.argv[3][:6])]))
"""


def read_in_another_process(data_dir, words: str, some_id: str) -> list:
    """A read-only opening in its own process, as ``coprod list`` or a second copy of
    the app (within one process SQLite shares the log's shared index between
    connections, so only another process shows what a reader really writes)."""
    done = subprocess.run([sys.executable, "-c", READER, str(data_dir), words, some_id],
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_reading_while_another_copy_writes_never_writes(data_dir, store, group):
    ids = sessions(store, group, 3)
    Service(store).session(ids[0]).add_idea("a swing by the gate")
    assert store.refresh(store.session(ids[0]))  # in the log, not yet in the file
    assert (data_dir / "index.sqlite3-wal").stat().st_size > 0
    Service(store).session(ids[1]).add_idea("a hammock under the willow")  # not yet indexed
    before = folder_bytes(data_dir)
    for words, found in (("hammock", ["a hammock under the willow"]),
                         ("swing", ["a swing by the gate"])):
        ideas, hits, resolved = read_in_another_process(data_dir, words, ids[2])
        assert ideas[ids[1]] == 3 and ideas[ids[0]] == 3
        assert hits == found
        assert resolved == ids[2]
    assert folder_bytes(data_dir) == before


def test_at_rest_the_index_is_one_file_in_rollback_mode(data_dir, store, group):
    """While the app writes, updates go to the log without a sync (WAL, NORMAL);
    a clean close leaves one file a reader opens without making any."""
    sessions(store, group, 2)
    mode = store.index.query("PRAGMA journal_mode")[0][0]
    sync = store.index.query("PRAGMA synchronous")[0][0]
    assert (mode, sync) == ("wal", 1)
    store.close()
    assert sorted(p.name for p in data_dir.glob("index.sqlite3*")) == ["index.sqlite3"]
    assert (data_dir / "index.sqlite3").read_bytes()[18:20] == b"\x01\x01"  # rollback
    before = folder_bytes(data_dir)
    ideas, hits, _resolved = read_in_another_process(data_dir, "garden", next(iter(
        p.stem for p in (data_dir / "sessions").glob("*.json"))))
    assert len(ideas) == 2 and len(hits) == 4
    assert folder_bytes(data_dir) == before


def open_index_files(data_dir) -> list[str]:
    """The index files this process holds open (Linux: /proc/self/fd)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(data_dir / "index.sqlite3")):
            found.append(target)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_a_reader_that_catches_up_in_memory_lets_the_index_file_go(data_dir, store, group):
    """An index file left open would keep a disk pulled out and plugged in again
    from unmounting cleanly (test_disk_comes_back found it)."""
    ids = sessions(store, group, 2)
    Service(store).session(ids[0]).add_idea("a swing by the gate")  # not yet indexed
    # The reader in its own process, as in life (within one process SQLite keeps a
    # closed connection's file open while another connection holds a lock on it).
    script = """
import json, sys
from pathlib import Path
from coprod_tui.store import open_store
from tests.test_index import open_index_files
root = Path(sys.argv[1])
with open_store(root, read_only=True) as reader:
    hits = [h.text for h in reader.search("swing")]
    print(json.dumps([hits, reader.index.path is None, open_index_files(root)]))
"""
    done = subprocess.run([sys.executable, "-c", script, str(data_dir)], check=True,
                          capture_output=True, text=True, timeout=60)
    hits, in_memory, held = json.loads(done.stdout)
    assert hits == ["a swing by the gate"]
    assert in_memory  # caught up in a copy in memory ...
    assert held == []  # ... and the reader holds none of the index's files


def test_a_session_file_gone_is_dropped_and_a_new_one_is_listed(data_dir, store, group):
    ids = sessions(store, group, 3)
    store.close()
    os.replace(data_dir / "sessions" / f"{ids[0]}.json", data_dir.parent / "away.json")
    with open_store(data_dir) as again:
        assert {s.id for s in again.summaries()} == set(ids[1:])
        assert {h.session_id for h in again.search("garden")} == set(ids[1:])
    os.replace(data_dir.parent / "away.json", data_dir / "sessions" / f"{ids[0]}.json")
    with open_store(data_dir) as again:
        assert {s.id for s in again.summaries()} == set(ids)



def test_a_read_after_the_store_closed_is_refused_in_words(data_dir, store, group):
    """A search worker that outlives the app (Past sessions' look-up, which catches
    CoprodError and shows it) asks a closed store: a plain sentence, not an
    AttributeError from the index that is no longer there."""
    service = Service(store)
    ids = sessions(store, group, 1)
    store.close()
    for read in (lambda: service.look_up(SessionFilter(text="garden")),
                 lambda: store.summaries(), lambda: store.search("garden"),
                 lambda: store.count_sessions(), lambda: store.resolve(ids[0][:6])):
        with pytest.raises(CoprodError, match="coprod has let go of the data folder"):
            read()
    with open_store(data_dir) as again:  # nothing was lost or changed
        assert [s.id for s in again.summaries()] == ids

# -- forget -----------------------------------------------------------------------------------

def test_forget_leaves_no_word_of_the_name_in_the_index(data_dir, store, group):
    """Updating the index in place would leave the name in the full-text index's
    segments (shown first, so this test proves something); forget makes it again."""
    service = Service(store)
    quentin = service.groups.add_person(group.id, name="Quentin Zebedee")
    file = service.create_session(group.id, "Meeting with Quentin Zebedee")
    file.start()
    file.mark(quentin.id, "present")
    file.add_idea("Quentin Zebedee wants ramps")
    file.release()
    sessions(store, group, 40, ideas=1)
    file.update_details(title="Meeting")
    file.release()

    def index_bytes() -> bytes:  # the file and its log (WAL) beside it
        return b"".join(p.read_bytes() for p in sorted(data_dir.glob("index.sqlite3*")))

    assert b"zebedee" in index_bytes()  # the title changed, the old word stays
    service.forget("Quentin Zebedee")
    raw = index_bytes()
    assert b"zebedee" not in raw.lower() and b"quentin" not in raw.lower()
    assert len(store.search("ramps")) == 1 and store.count_sessions() == 41



def test_without_fts5_search_still_finds_every_word_as_typed(tmp_path, monkeypatch):
    """Some Pythons' SQLite lacks FTS5: the same tables, every record read instead."""
    from coprod_tui.store import index_layout as index_module

    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:  # made with the full-text index
        group = Service(store).groups.add_group(name="G")
        sessions(store, group, 3)
        assert store.index.fts
    monkeypatch.setattr(index_module, "_FTS5", False)
    with open_store(data_dir) as store:  # not this layout: made again, plainly
        assert not store.index.fts and store.problems == []
        assert len(store.search("garden")) == 6
        assert len(store.search("ardens")) == 0 and len(store.search("arden")) == 6
        hit = store.search("GARDEN")[0]
        assert [hit.snippet[a:b] for a, b in hit.spans] == ["garden"]
        assert store.count_found_sessions("meeting 2") == 1
    monkeypatch.setattr(index_module, "_FTS5", True)
    with open_store(data_dir) as store:  # and back
        assert store.index.fts and len(store.search("garden")) == 6


def test_leftover_temp_files_go_when_the_sessions_are_listed_never_one_being_written(
        data_dir, store, group):
    sessions(store, group, 2)
    store.close()
    old = data_dir / "sessions" / ".a.json.0123abcd.coprod-tmp"
    old.write_bytes(b"half of a session, left by a kill")
    os.utime(old, ns=(1, 1))
    later = open_store(data_dir, defer_reconcile=True)
    try:
        assert old.exists()  # not at start-up: listing every session waits for Home
        writing = data_dir / "sessions" / ".b.json.4567cdef.coprod-tmp"
        writing.write_bytes(b"a save in progress in this copy")
        reconciler = later.reconcile_in_background()
        reconciler.finished.wait(30)
        assert not old.exists() and writing.exists()
    finally:
        later.close()
    writing.unlink()


# -- anything typed ---------------------------------------------------------------------------

TYPED = ["The gardens need benches", "marker<7> (draft) \"quoted\" NEAR(a b) col:x ^y *",
         "Don't close the café; ÉCOLE d'été", "市の公園でイベントをしたい", "Straße 5 ١٢٣ עברית",
         "emoji 😀 family 👨‍👩‍👧 and [b]markup[/b]"]


@pytest.fixture(scope="module")
def typed_store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("typed") / "data") as store:
        group = Service(store).groups.add_group(name="G")
        file = new_session(store, group, "Anything typed")
        for text in TYPED:
            file.add_idea(text)
        file.release()
        yield store


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=24) | st.sampled_from(TYPED).map(lambda t: t[3:14]))
def test_whatever_is_typed_is_searched_safely(typed_store, text):
    """No query syntax reaches SQLite: whatever is typed, a list of hits comes back,
    each holding every plain word typed, its snippet a piece of the text."""
    for search in (typed_store.search, lambda t: typed_store.find(t, limit=3)):
        hits = search(text)
        for hit in hits:
            folded = hit.text.casefold()
            for word in text.split():
                if word.isascii() and word.isalpha():
                    assert word.casefold() in folded
            assert hit.snippet.strip("…") in " ".join(hit.text.split("\n"))
            assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.spans)
    found, total = typed_store.find_sessions_page(text, limit=5)
    assert total == len(found) <= 1
