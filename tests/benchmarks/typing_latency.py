"""Typing: Enter on a new idea until it is shown, on a Run screen holding 5,000 ideas.

The real app in a Pilot session (``App.run_test``, 80x24), on the Run screen of
a live session with 60 people present, 5,000 ideas, 60 decisions and 100
actions (a whole day's workshop typed into one session, and more). Each sample puts an idea's text in the capture box (not timed), then
times from pressing Enter to the first screen refresh after the idea's line
was written to the running record (``#record``): by then the idea has been
validated, saved durably (fsync) and drawn. p95 of all samples (absolute).
"""

from __future__ import annotations

import asyncio
import time

from textual.widgets import RichLog

from coprod_tui.app import CoprodApp
from coprod_tui.store import open_store

from .common import Figure, Settings, absolute_figure, percentile
from .data import Workspace

IDEAS = 5000


async def _presses(store, session_id: str, n: int) -> list[float]:
    from coprod_tui.screens.steps import make_step

    app = CoprodApp(store)
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(make_step("live", session_id))
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#capture")
        log = screen.query_one("#record", RichLog)
        assert len(screen.session.ideas()) == IDEAS
        shown: list[float] = []
        real_write = log.write

        def write(content, *args, **kwargs):  # instrumentation: note the next refresh
            result = real_write(content, *args, **kwargs)
            log.call_after_refresh(lambda: shown.append(time.perf_counter()))
            return result

        log.write = write
        for i in range(n + 3):  # three warm-up presses
            text = f"Idea typed live number {i}: put a bench by the front door"
            box.focus()
            box.value = text
            await pilot.pause()
            shown.clear()
            started = time.perf_counter()
            await pilot.press("enter")
            for _ in range(100):
                if shown:
                    break
                await pilot.pause()
            if not shown or box.value:
                raise RuntimeError("the idea was not recorded on the Run screen")
            tail = " ".join(strip.text.strip() for strip in log.lines[-4:])
            if f"number {i}:" not in tail:
                raise RuntimeError("the idea is not at the end of the record")
            if i >= 3:
                samples.append(shown[0] - started)
        assert len(screen.session.ideas()) == IDEAS + n + 3
    return samples


def typing(ws: Workspace, settings: Settings) -> list[Figure]:
    folder, session_id = ws.session_folder("typing", ideas=IDEAS, with_history=False,
                                           status="live")
    with open_store(folder) as store:
        samples = asyncio.run(_presses(store, session_id, settings.presses))
    return [absolute_figure(f"typing: Enter → idea shown, p95 ({IDEAS:,} ideas)",
                            percentile(samples, 95) * 1000, "ms", 50)]
