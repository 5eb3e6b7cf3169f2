from __future__ import annotations

from woonafspraken.meetings.uploads import upload_problem

ALLOWED = ("pdf", "docx", "txt", "png")


def check(name: str, head: bytes, size: int | None = None) -> str | None:
    return upload_problem(
        name, head, len(head) if size is None else size, allowed=ALLOWED, max_bytes=1_048_576
    )


def test_good_files_pass():
    assert check("beleid.pdf", b"%PDF-1.7\n...") is None
    assert check("notulen.docx", b"PK\x03\x04rest") is None
    assert check("Wijkvisie.TXT", "Wijkvisie Brunnepe – ‘concept’".encode()) is None


def test_bad_files_get_a_dutch_reason():
    assert "soort die niet gedeeld kan worden" in check("virus.exe", b"MZ")
    assert "past niet bij de extensie .pdf" in check("nep.pdf", b"<html>")
    assert "is leeg" in check("leeg.pdf", b"", 0)
    assert "hoogstens 1 MB" in check("groot.pdf", b"%PDF-", 5_000_000)
    assert "geen leesbare tekst" in check("binair.txt", b"\xff\xfe\x00\x00" * 10)
