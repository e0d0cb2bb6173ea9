"""The page number a request asks for, as a number SQL arithmetic can take."""

#: No list here has a millionth page; a larger number in a URL is served as the last page
#: (an OFFSET or LIMIT computed from it must stay within a 64-bit integer).
MAX_PAGE = 1_000_000


def requested_page(raw) -> int:
    """``?page=`` as an int in 1..MAX_PAGE (1 for anything that is not a number)."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)
