"""Summaries of a report: its industry system, key figures and numbered slogans."""


def unique_id(ident: str, used: set[str]) -> str:
    """``ident``, or ``ident-2``, ``ident-3`` … the first not in ``used``; added to it."""
    candidate, n = ident, 2
    while candidate in used:
        candidate, n = f"{ident}-{n}", n + 1
    used.add(candidate)
    return candidate
