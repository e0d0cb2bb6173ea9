"""pydyf's serialization of dictionaries, arrays and content streams, without a call of
``_to_bytes`` for each bytes, str or int in them (~230,000 at 50 pages)."""

#: pydyf's own ``data`` properties and ``_to_bytes``, as imported (put back by ``without``).
_ORIGINAL = {}


def _current(cls):
    """The ``data`` function in place on a pydyf class now: ours, or pydyf's own while the
    module is taken out (``pdfwriter`` keeps a class's ``data`` function when it first sees
    the class; going through this, it follows ``tuning.without`` all the same)."""
    return cls.__dict__["data"].fget


def to_bytes(item):
    """pydyf's ``_to_bytes``, with the exact types bytes, str and int first."""
    kind = type(item)
    if kind is bytes:
        return item
    if kind is str:
        return item.encode("ascii")
    if kind is int:
        return b"%d" % item
    return _ORIGINAL["_to_bytes"](item)


def dictionary_data(self):
    """pydyf's ``Dictionary.data``: ``<</key value...>>``."""
    import pydyf

    if _current(pydyf.Dictionary) is not dictionary_data:
        return _ORIGINAL["Dictionary"](self)
    convert = pydyf._to_bytes
    parts = []
    for key, value in self.items():
        kind = type(value)
        if kind is bytes:
            pass
        elif kind is str:
            value = value.encode("ascii")
        elif kind is int:
            value = b"%d" % value
        else:
            value = convert(value)
        key = key.encode("ascii") if type(key) is str else convert(key)
        parts.append(b"/" + key + b" " + value)
    return b"<<" + b"".join(parts) + b">>"


def array_data(self):
    """pydyf's ``Array.data``: ``[child child...]``."""
    import pydyf

    if _current(pydyf.Array) is not array_data:
        return _ORIGINAL["Array"](self)
    convert = pydyf._to_bytes
    return (
        b"["
        + b" ".join(
            [
                child
                if type(child) is bytes
                else b"%d" % child
                if type(child) is int
                else convert(child)
                for child in self
            ]
        )
        + b"]"
    )


def stream_data(self):
    """pydyf's ``Stream.data``: the operators (nearly all bytes already) joined, compressed
    with the ``zlib`` pydyf sees (``tuning.compression`` sets its level)."""
    import pydyf

    if _current(pydyf.Stream) is not stream_data:
        return _ORIGINAL["Stream"](self)
    convert = pydyf._to_bytes
    stream = b"\n".join([item if type(item) is bytes else convert(item) for item in self.stream])
    extra = pydyf.Dictionary(self.extra.copy())
    if self.compress:
        extra["Filter"] = "/FlateDecode"
        compressobj = pydyf.zlib.compressobj(level=9)
        stream = compressobj.compress(stream)
        stream += compressobj.flush()
    extra["Length"] = len(stream)
    return b"\n".join((extra.data, b"stream", stream, b"endstream"))


def patches():
    import pydyf

    _ORIGINAL.setdefault("_to_bytes", pydyf._to_bytes)
    for cls in (pydyf.Dictionary, pydyf.Array, pydyf.Stream):
        _ORIGINAL.setdefault(cls.__name__, cls.__dict__["data"].fget)
    return [
        (pydyf, "_to_bytes", to_bytes),
        (pydyf.Dictionary, "data", property(dictionary_data)),
        (pydyf.Array, "data", property(array_data)),
        (pydyf.Stream, "data", property(stream_data)),
    ]
