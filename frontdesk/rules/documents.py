"""Document numbers (FD-8): category letters, year, four-digit serial: HT2026-0007."""


def document_number(prefix: str, year: int, seq: int) -> str:
    if seq < 1:
        raise ValueError("Serial numbers start at 1.")
    return f"{prefix}{year}-{seq:04d}"
