"""WeasyPrint's content-stream context managers as small classes instead of generators.

Measured at 1250 rows: ``draw_page`` 371 -> 344 ms CPU (interleaved medians)."""

import pydyf


class _Stacked:
    """``with stream.stacked():`` — ``q`` on entry, ``Q`` on exit (even on an error)."""

    __slots__ = ("stream",)

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        self.stream.push_state()

    def __exit__(self, *exc_info):
        self.stream.pop_state()


class _Marked:
    """``with stream.marked(box, tag):`` — a marked-content sequence with the next MCID,
    recorded for the tag tree, when the PDF is tagged."""

    __slots__ = ("box", "stream", "tag")

    def __init__(self, stream, box, tag):
        self.stream, self.box, self.tag = stream, box, tag

    def __enter__(self):
        stream = self.stream
        tags = stream._tags
        if tags is not None:
            mcid = len(tags)
            if self.box in tags:  # WeasyPrint asserts this
                raise AssertionError(self.box)
            tags[self.box] = {"tag": self.tag, "mcid": mcid}
            property_list = pydyf.Dictionary({"MCID": mcid})
            pydyf.Stream.begin_marked_content(stream, self.tag, property_list)

    def __exit__(self, *exc_info):
        if self.stream._tags is not None:
            pydyf.Stream.end_marked_content(self.stream)


class _Artifact:
    """``with stream.artifact():`` — an ``/Artifact`` sequence when the PDF is tagged."""

    __slots__ = ("stream",)

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        if self.stream._tags is not None:
            pydyf.Stream.begin_marked_content(self.stream, "Artifact")

    def __exit__(self, *exc_info):
        if self.stream._tags is not None:
            pydyf.Stream.end_marked_content(self.stream)


def stacked(self):
    """WeasyPrint's ``pdf.stream.Stream.stacked``, ``marked`` and ``artifact`` are
    ``@contextmanager`` generators: each ``with`` builds a generator and a wrapper and runs
    them twice (~27,000 of them at 50 pages: every box, text line and border). These
    classes do the same calls, in the same order, on entry and exit; like the generators'
    ``finally``, the exit runs whether or not the block raised, and never swallows the
    error."""
    return _Stacked(self)


def marked(self, box, tag):
    return _Marked(self, box, tag)


def artifact(self):
    return _Artifact(self)


def patches():
    from weasyprint.pdf.stream import Stream

    return [
        (Stream, "stacked", stacked),
        (Stream, "marked", marked),
        (Stream, "artifact", artifact),
    ]
