"""The ``<id:…>`` path converter: a database id, bounded to the range of a ``bigint``.

Django's ``<int:…>`` takes any run of digits, and a number beyond 64 bits reaches the
database: SQLite raises ``OverflowError`` (a 500) and PostgreSQL a ``DataError``. An id that
cannot exist should be a 404 like any other missing object, so every URL with an id uses
``<id:…>``: ``to_python`` refuses what no ``BigAutoField`` can hold, and Django's resolver
takes that as "this pattern does not match". It lives in ``accounts``, the lowest layer, and
is registered once in ``AccountsConfig.ready`` (before any URLconf is imported), so every
app's ``urls.py`` can name it.
"""

BIGINT_MAX = 2**63 - 1


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGINT_MAX:
            raise ValueError("beyond the range of a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))
