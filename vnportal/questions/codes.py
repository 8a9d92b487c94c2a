"""Tracking codes (mã tra cứu): short and unguessable — ten characters drawn at random from 31
that cannot be mistaken for one another (no 0/O, 1/I/L), about 50 bits: not a sequence, so one
code tells nothing about another. Shown as two groups of five: ``K7M2Q-XR94T``."""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
_NOT_CODE = re.compile(r"[^0-9A-Z]")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    return f"{code[:5]}-{code[5:]}" if len(code) == LENGTH else code


def normalise(typed):
    """What a person typed (any case, with spaces or hyphens) as a stored code, or ''."""
    value = _NOT_CODE.sub("", str(typed or "").upper())
    return value if len(value) == LENGTH and all(c in ALPHABET for c in value) else ""
