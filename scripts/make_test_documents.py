"""Write the Kampen document (or another text in its format) as a Word file made like the real ones, and
its PDF by headless LibreOffice.

    .venv/bin/python scripts/make_test_documents.py OUTDIR [TEXTFILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from woonafspraken.documents.tests.made_like_real import KAMPEN_TEXT, convert_to_pdf, write_docx  # noqa: E402


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    source = Path(argv[1]) if len(argv) == 2 else KAMPEN_TEXT
    docx = write_docx(source.read_text(encoding="utf-8"), outdir / f"{source.stem}.docx")
    print(docx)
    print(convert_to_pdf(docx, outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
