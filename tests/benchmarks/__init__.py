"""coprod's benchmark: each figure against a baseline measured in the same run.

Run from the repository root::

    python -m tests.benchmarks            # the full run (a few minutes)
    python -m tests.benchmarks --quick    # fewer samples (CI runs this)
    python -m tests.benchmarks --json figures.json

It makes its own data in a temp folder, alternates the two sides of each
ratio (A, B, A, B, ...), and prints one row per figure: value, baseline, ratio,
target and whether it was met. Missing a target is reported, not an error:
the exit code is non-zero only if the benchmark itself fails.

One module per figure: startup.py (start-up, Home list ready, memory),
save.py (save p50/p95, save vs history), export.py, review.py (search),
typing_latency.py. What each one measures, and against what, is in its
docstring; the README's Performance section has the latest figures.
"""
