"""pydyf compresses the PDF's streams at zlib level 9; this is level 6."""

import zlib

#: zlib level of the PDF's streams. pydyf hard-codes 9, which at 50 pages costs ~0.3 s more
#: than 6 for files ~3 % larger (measured); 6 is zlib's own default.
PDF_COMPRESS_LEVEL = 6


class _PdfZlib:
    """pydyf's view of ``zlib``: the same, with our compression level."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(PDF_COMPRESS_LEVEL, *args, **kwargs)


def patches():
    import pydyf

    return [(pydyf, "zlib", _PdfZlib)]
