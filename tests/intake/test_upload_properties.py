"""Whatever is uploaded, inspection ends in a description or a clear refusal, never a crash."""

import unicodedata

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from casework.uploads import NAME_MAX_LENGTH, inspect_upload, sanitise_name

from .files import MINIMAL_PDF, docx_bytes, image_bytes, upload

PREFIXES = [b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"<svg"]
VALID = [MINIMAL_PDF, docx_bytes(), image_bytes("PNG"), image_bytes("JPEG")]


def outcome(func, *args):
    """(result, None) or (None, the ValidationError); any other exception fails the test."""
    try:
        return func(*args), None
    except ValidationError as error:
        return None, error


@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2000))
def test_random_bytes_are_described_or_refused(prefix, body):
    inspected, error = outcome(inspect_upload, upload("plik.pdf", prefix + body))
    if error is not None:
        assert error.messages
    else:
        assert inspected.kind == "pdf"


@given(
    original=st.sampled_from(VALID),
    cut=st.integers(min_value=1, max_value=400),
    flip=st.integers(min_value=0, max_value=255),
)
def test_damaged_valid_files_are_described_or_refused(original, cut, flip):
    position = len(original) - cut if cut < len(original) else 0
    damaged = bytearray(original)
    damaged[position] = flip
    for name in ("plik.pdf", "plik.docx", "plik.png", "plik.jpg"):
        inspected, error = outcome(inspect_upload, upload(name, bytes(damaged)))
        assert (inspected is None) is (error is not None)
        assert error is None or error.messages


@given(st.text(max_size=300))
def test_kept_names_are_safe(raw):
    safe, error = outcome(sanitise_name, raw)
    if error is not None:
        assert error.messages
        return
    assert safe
    assert "/" not in safe
    assert "\\" not in safe
    assert safe not in (".", "..")
    assert len(safe) <= NAME_MAX_LENGTH
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in safe)
    assert safe == unicodedata.normalize("NFC", safe)
    assert safe == safe.strip(" ")
