"""The command line. Imports stay lazy: --help and --version never load Textual.

Every user mistake ends with one plain sentence on stderr and exit code 2. Everything
printed goes through ``_say``, which shows control and escape characters written out
(``\x1b``), whatever a title, a name, a file name or an argument holds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import CoprodError, FolderInUse, NotFound, SaveError
from .text import safe_to_print

EXIT_USER = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one plain sentence, exit 2
        self.exit(EXIT_USER, safe_to_print(f"coprod: {message}. Try 'coprod --help'.") + "\n")


def build_parser() -> argparse.ArgumentParser:
    from .exports.formats import FORMATS, GROUP_FORMATS  # the one registry (no python-docx)

    parser = _Parser(
        prog="coprod",
        description="A facilitator's assistant for co-production workshops. "
                    "With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the data folder (default: COPROD_DATA_DIR, or your user data "
                             "folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("demo", help="add an example group with past sessions to explore")
    p = sub.add_parser("list", help="list sessions, latest first")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser("export", help="write a session's minutes or a backup file")
    p.add_argument("session", metavar="SESSION", nargs="?",
                   help="a session id or the start of one")
    p.add_argument("--format", choices=list({**FORMATS, **GROUP_FORMATS}), default="minutes")
    p.add_argument("--group", metavar="NAME",
                   help="with you-said-we-did or impact: report on a whole group instead")
    p.add_argument("-o", "--output", metavar="PATH", help="the file or folder to write to")
    p = sub.add_parser("import", help="add a session from an exported JSON file")
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("forget", help="erase a person from every session and backup")
    p.add_argument("person", metavar="PERSON", help="their name, id or the start of the id")
    p.add_argument("--yes", action="store_true", help="do not ask to confirm")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would change, and change nothing")
    p = sub.add_parser("search", help="find ideas, decisions and actions by their words")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--group", metavar="NAME", help="only this group's sessions")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser("room", help="show the running session to the room (a projector or a "
                                    "second screen); read-only")
    p.add_argument("--web", action="store_true",
                   help="serve the room view to a web browser on this computer")
    p.add_argument("--port", type=int, metavar="PORT",
                   help="with --web: the port to serve on (default 8150)")
    p.add_argument("--host", metavar="ADDRESS",
                   help="with --web: serve on ADDRESS instead of 127.0.0.1; anyone who can "
                        "reach it sees the session")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_app(args)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # here, so a closed pipe is met inside the try
        return code
    except BrokenPipeError:
        # `coprod search x | head -1`: the reader has gone; end quietly. Python would
        # flush stdout again at exit and complain, so point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141  # what a shell reports for a process ended by SIGPIPE
    except CoprodError as exc:
        _say(f"coprod: {exc}", err=True)
        return EXIT_USER
    except OSError as exc:  # a path the system refuses (a name too long, a loop of links)
        reason = (exc.strerror or "the system refused it").lower()
        _say(f"coprod: could not use a file or folder given: {reason}.", err=True)
        return EXIT_USER
    except EOFError:  # Ctrl+D at a question
        _say("Nothing was changed.", err=True)
        return 1
    except KeyboardInterrupt:
        return 130


def _say(text: str = "", *, err: bool = False) -> None:
    """Print one line, with control and escape characters shown written out."""
    print(safe_to_print(text), file=sys.stderr if err else sys.stdout)


def _say_json(value: object) -> None:
    """Print JSON for scripts; characters a terminal would act on are \\u-escaped
    (still the same JSON: json.dumps leaves C1 controls and text direction marks)."""
    text = _json_text(value)
    if text.replace("\n", "").isprintable():  # the usual case: one look
        print(text)
        return
    print("\n".join(_json_escape(line) for line in text.split("\n")))


def _json_text(value: object) -> str:
    """JSON indented by two spaces: orjson writes exactly what ``json.dumps(value,
    ensure_ascii=False, indent=2)`` writes, many times faster (the standard library
    indents in pure Python: most of listing 10,000 sessions)."""
    try:
        from orjson import OPT_INDENT_2, dumps

        return dumps(value, option=OPT_INDENT_2).decode("utf-8")
    except (ImportError, TypeError):  # TypeError: a value orjson will not take
        return json.dumps(value, ensure_ascii=False, indent=2)


def _json_escape(line: str) -> str:
    if line.isprintable():
        return line
    out = []
    for ch in line:
        if safe_to_print(ch) == ch:
            out.append(ch)
        elif ord(ch) > 0xFFFF:  # JSON writes these as a surrogate pair
            code = ord(ch) - 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def _data_dir(args: argparse.Namespace) -> Path:
    from .paths import data_dir

    return data_dir(args.data_dir)


def _store(args: argparse.Namespace, *, write: bool):
    """Open the data folder. Commands that only read still work while the app is open,
    and never create a folder (a mistyped --data-dir is said, not made)."""
    from .store import open_store
    from .store.lock import MARKER

    root = _data_dir(args)
    if not write and not (root / MARKER).is_file():
        raise NotFound(f"There is no coprod data in {root}; check the folder's name, or "
                       "try 'coprod demo' for an example.")
    try:
        store = open_store(root)
    except (FolderInUse, SaveError):  # in use, or on a full or read-only disk
        if write:
            raise
        store = open_store(root, read_only=True)
    for problem in store.problems:
        _say(f"coprod: {problem}", err=True)
    return store


def _run_app(args: argparse.Namespace) -> int:
    import os

    # Textual writes every message, typed names included, to the file TEXTUAL_LOG
    # names. Logs hold no personal data (DESIGN.md §6): only a developer who also
    # sets COPROD_DEBUG=1 gets that log.
    if os.environ.get("COPROD_DEBUG") != "1":
        os.environ.pop("TEXTUAL_LOG", None)
    from .app import run

    return run(_data_dir(args))


def _demo(args: argparse.Namespace) -> int:
    from .demo import add_demo
    from .service import Service

    with _store(args, write=True) as store:
        added = add_demo(Service(store))
    if added:
        _say("Added " + "; ".join(added) + ".")
    else:
        _say("The demo group is already here; nothing was added.")
    _say("Open it with: coprod" + (f" --data-dir {args.data_dir}" if args.data_dir else ""))
    return 0


def _list(args: argparse.Namespace) -> int:
    with _store(args, write=False) as store:
        groups = {g.id: g.name for g in store.groups.groups()}
        rows = store.summaries()
    if args.json:
        _say_json([{
            "id": s.id, "group_id": s.group_id, "group": groups.get(s.group_id, ""),
            "title": s.title, "date": s.date, "start": s.start, "status": s.status,
            "methods": s.methods, "present": s.present, "ideas": s.ideas,
            "decisions": s.decisions, "actions": s.actions, "actions_open": s.actions_open,
        } for s in rows])
        return 0
    if not rows:
        _say("No sessions yet. Try 'coprod demo' for an example, or open the app.")
        return 0
    for s in rows:
        _say(f"{s.id[:8]}  {s.date}  {s.status:<7}  {s.title}  "
             f"({groups.get(s.group_id, 'unknown group')})")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .exports.formats import GROUP_FORMATS, export_group, export_session
    from .service import Service
    from .templates import load_wording_reporting

    with _store(args, write=False) as store:
        service = Service(store)
        wording, problem = load_wording_reporting(store.root)
        if problem:
            _say(f"coprod: {problem}", err=True)
        if args.group:
            if args.format not in GROUP_FORMATS:
                raise CoprodError("--group works only with --format you-said-we-did or "
                                  "impact.")
            path = export_group(service, args.group, args.format, args.output,
                                wording=wording)
        else:
            if args.format == "impact":
                raise CoprodError("The impact report covers a whole group: add --group NAME.")
            if not args.session:
                raise CoprodError("Say which session to export; 'coprod list' shows them.")
            problems: list[str] = []
            path = export_session(service, service.resolve(args.session), args.format,
                                  args.output, wording=wording, problems=problems)
            for problem in problems:  # a picture of the template's that could not be used
                _say(f"coprod: {problem}", err=True)
    _say(str(path))
    return 0


def _import(args: argparse.Namespace) -> int:
    from .interchange import read_bundle
    from .service import Service

    bundle = read_bundle(Path(args.file))
    with _store(args, write=True) as store:
        session_id = Service(store).import_session(bundle)
    _say(f"Imported '{bundle.session.title}' ({bundle.session.date}) as {session_id}.")
    return 0


def _forget(args: argparse.Namespace) -> int:
    from .service import Service

    if args.dry_run:
        from .store import open_store

        # Read-only, so that not even a damaged file is moved aside.
        with open_store(_data_dir(args), read_only=True) as store:
            for problem in store.problems:
                _say(f"coprod: {problem}", err=True)
            service = Service(store)
            person = service.groups.find_person(args.person)
            report = service.forget(person.id, dry_run=True)
        _say(f"A dry run: nothing was changed. Forgetting {person.name} "
             f"({person.id[:8]}) would do this:")
    else:
        with _store(args, write=True) as store:
            service = Service(store)
            person = service.groups.find_person(args.person)
            if not args.yes:
                if not sys.stdin.isatty():
                    # `echo no | coprod forget ...` must not erase anyone: only a person
                    # at a terminal can answer, and erasing cannot be undone.
                    raise CoprodError(
                        "forget asks before it erases anyone, and cannot ask here because "
                        "the input is not a terminal: add --yes to erase without asking, "
                        "or use --dry-run to see what would change. Nothing was changed.")
                answer = input(safe_to_print(
                    f"Erase {person.name} from every session and backup? This cannot be "
                    "undone. Type yes to go ahead (--dry-run shows what would change): "))
                if answer.strip().lower() != "yes":
                    _say("Nothing was changed.")
                    return 1
            report = service.forget(person.id)
        _say(f"Erased {person.name} ({person.id[:8]}):")
    for line in report.lines:
        _say(f"- {line}")
    return 0


def _search(args: argparse.Namespace) -> int:
    with _store(args, write=False) as store:
        group_id = None
        if args.group:
            group_id = _group_id(store, args.group)
        seen = len(store.problems)
        hits = store.search(args.text, group_id=group_id, marks=False)
        for problem in store.problems[seen:]:  # a damaged index may be found only now
            _say(f"coprod: {problem}", err=True)
    if args.json:
        _say_json([{"session_id": h.session_id, "title": h.title, "date": h.date,
                    "kind": h.kind, "id": h.record_id, "text": h.text,
                    "snippet": h.snippet} for h in hits])
        return 0
    if not hits:
        _say("Nothing found.")
        return 0
    for h in hits:
        first_line = h.text.splitlines()[0] if h.text else ""
        _say(f"{h.session_id[:8]}  {h.date}  {h.kind:<8}  {first_line[:100]}")
    return 0


def _room(args: argparse.Namespace) -> int:
    """The room view: read-only, no lock taken, nothing written (works while the app runs)."""
    from .store.lock import MARKER

    root = _data_dir(args)
    if not (root / MARKER).is_file():
        raise NotFound(f"There is no coprod data in {root}; check the folder's name. The "
                       "room view shows the session the app has open in that folder.")
    if not args.web and (args.port is not None or args.host is not None):
        raise CoprodError("--port and --host go with --web.")
    if os.environ.get("COPROD_DEBUG") != "1":
        os.environ.pop("TEXTUAL_LOG", None)  # as for the app: logs hold no personal data
    if args.web:
        from .screens.room_web import serve

        return serve(root, host=args.host, port=args.port, say=_say)
    from .screens.room import run_room

    return run_room(root)


def _group_id(store, name: str) -> str:
    from .store.groups import find_group

    return find_group(store.groups, name).id


COMMANDS = {"demo": _demo, "list": _list, "export": _export, "import": _import,
            "forget": _forget, "search": _search, "room": _room}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
