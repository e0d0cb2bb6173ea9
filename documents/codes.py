"""Verification codes: random, unguessable (60 bits), short enough to type from paper."""

import secrets

from .constants import CODE_ALPHABET, CODE_LENGTH

# What people type for what they see (Crockford's base32 reading rules).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(text: str) -> str | None:
    """The stored form of a typed code (groups, spaces, case and look-alikes forgiven),
    or None when it cannot be a code."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -\t").translate(_READ_AS)
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned
