"""Two costs of pydyf (WeasyPrint's PDF writer); the bytes it writes are the same."""

from functools import cache


def page_references(pdf):
    """pydyf's ``PDF.page_references``, built once per page count instead of on every call:
    the tag tree asks for it for every structure element, which made tagging quadratic in
    the number of pages (a tuple of all pages built for each element)."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_esflow_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_esflow_page_references"] = (len(kids), references)
    return cached[1]


@cache
def _serialized_once(cls):
    """A subclass of a pydyf object class whose ``data`` is computed once and kept."""
    compute = cls.data.fget

    def data(self):
        value = self.__dict__.get("_esflow_data")
        if value is None:
            value = self.__dict__["_esflow_data"] = compute(self)
        return value

    return type(cls.__name__, (cls,), {"data": property(data), "__module__": cls.__module__})


def finish(document, pdf):
    """Serialize (and compress) every PDF object once while writing.

    PDF/A needs a file identifier, and pydyf computes it as the MD5 of every object's
    serialization, which it builds a second time right after writing them: every content
    stream compressed twice. The objects do not change while the file is written, so each
    keeps its first serialization; the bytes written are exactly the same (tested)."""
    pdf.__class__ = _serialize_once_pdf_class(type(pdf))


@cache
def _serialize_once_pdf_class(cls):
    class SerializeOncePDF(cls):
        def add_object(self, object_):
            super().add_object(object_)
            object_.__class__ = _serialized_once(type(object_))

        def write(self, *args, **kwargs):
            for object_ in self.objects:
                object_.__class__ = _serialized_once(type(object_))
            return super().write(*args, **kwargs)

    return SerializeOncePDF


def patches():
    import pydyf

    return [(pydyf.PDF, "page_references", property(page_references))]
