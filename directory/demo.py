"""Demo data for the directory: filled in by the foundation issue."""


def load(*, stdout) -> None:
    stdout.write("  (no directory demo data yet)")
