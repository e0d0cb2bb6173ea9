"""A case kind that only the test suite installs (``tests/settings.py``): a real kind, with its
own app, detail table, intake page, case-page partial, queue column and filter and wording, so
the tests can prove that casework's shared modules serve a kind they never import."""
