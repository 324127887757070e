"""Speed and size measurements (``make bench``, or ``python -m bench [--quick] [NAME…]``).

Each ``bench_*.py`` module here has a ``run(options) -> list[Result]``; ``bench.__main__``
runs them all, prints one table and writes the numbers to ``bench/results/`` (not in git).
Benchmarks measure and report against their targets; they never assert.
"""
