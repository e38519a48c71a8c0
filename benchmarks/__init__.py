"""The benchmark suite of issue 9 (``python -m benchmarks``); see ``benchmarks/RESULTS.md``."""
