"""A landing folder of hostile and broken inputs, shared by the hostile-input tests."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = (ROOT / "data" / "samples" / "004_bd2e2405f5c36c92.txt").read_text(encoding="utf-8")


def make_hostile_landing(folder: Path) -> dict[str, str]:
    """Write the inputs; return file name -> the status dim_source_file must give it."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}

    def put(name: str, data: bytes, status: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = status

    put("empty.txt", b"", "unreadable")
    put("binary.html", bytes(range(256)) * 64 + b"\x00" * 4096, "unreadable")
    put("picture.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "unreadable")
    html = ("<html><head><meta charset='utf-8'></head><body><p>" + REPORT.replace("\n", "</p><p>")
            + "</p></body></html>")
    put("gb18030_declared_utf8.html", html.encode("gb18030"), "extracted")
    put("truncated.html", html.encode()[: len(html.encode()) // 2], "extracted")
    nested = "<html><body>" + "<div><span>" * 30000 + "共收到政府信息公开申请3件。" + "</span></div>" * 10
    put("nested.html", nested.encode(), "not_report")
    put("entity_bomb.html", ("<html><body><p>" + "&amp;&#x4e00;&lt;" * 300_000 + "</p>").encode(),
        "not_report")
    put("long_line.txt", ("政府信息公开" * 400_000).encode(), "not_report")
    # Text that would do harm if it were ever spliced into SQL: it must stay data.
    put("sql_injection.txt", ("'); drop schema marts cascade; -- \" ; delete from raw.figures;"
                              " 政府信息公开").encode(), "not_report")
    put("report_copy_a.txt", REPORT.encode(), "extracted")
    put("report_copy_b.txt", REPORT.encode(), "duplicate")
    # Same jurisdiction and year, different bytes: a corrected re-publication.
    put("report_corrected.txt", (REPORT + "\n(更正版)\n").encode(), "extracted")
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    expected["huge.txt"] = "too_large"
    outside = folder.parent / "outside_secret.txt"
    outside.write_text("not for the warehouse", encoding="utf-8")
    (folder / "link_outside.txt").symlink_to(outside)
    expected["link_outside.txt"] = "skipped"
    return expected
