"""Checking an uploaded file before it is stored (afspraak 5.5): its type by name and content, its
size. Pure: bytes and names in, a Dutch message out."""

from __future__ import annotations

from woonafspraken.core.formatting import format_number

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
_TEXT = ("txt", "csv")


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def upload_problem(
    filename: str, head: bytes, size: int, *, allowed: tuple[str, ...], max_bytes: int
) -> str | None:
    """Why this file cannot be shared, in Dutch, or None when it is fine. ``head``: its first bytes."""
    ext = extension(filename)
    if ext not in allowed:
        return (
            f"Het bestand ‘{filename}’ heeft een soort die niet gedeeld kan worden. "
            f"Toegestaan: {', '.join(allowed)}."
        )
    if size == 0:
        return f"Het bestand ‘{filename}’ is leeg."
    if size > max_bytes:
        return (
            f"Het bestand ‘{filename}’ is {format_number(size / 1_048_576, 1)} MB; "
            f"het mag hoogstens {max_bytes // 1_048_576} MB zijn."
        )
    if ext in _TEXT:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut off at the end of the sample
                return f"Het bestand ‘{filename}’ is geen leesbare tekst (gebruik UTF-8)."
        if b"\x00" in head:
            return f"Het bestand ‘{filename}’ is geen leesbare tekst."
        return None
    if not any(head.startswith(signature) for signature in _SIGNATURES.get(ext, ())):
        return f"De inhoud van ‘{filename}’ past niet bij de extensie .{ext}; het bestand is beschadigd of van een andere soort."
    return None
