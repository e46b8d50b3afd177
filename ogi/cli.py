"""`ogi extract PATH...`: one JSON object per input file (JSON Lines, UTF-8)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ogi.extract import document_id, extract_document, extractor_version
from ogi.models import ExtractionResult, Issue

DOCUMENT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".xhtml", ""}


def iter_paths(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                c for c in p.rglob("*")
                if c.is_file() and not c.name.startswith(".") and c.name != "truth.jsonl"
                and c.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            yield p


def extract_path(path: Path) -> ExtractionResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        result = ExtractionResult(path=str(path), document_id="", size_bytes=0,
                                  extractor_version=extractor_version(),
                                  doc_type="unreadable", doc_type_reason=f"cannot read: {exc}")
        result.issues.append(Issue("unreadable", result.doc_type_reason))
        return result
    return extract_document(data, str(path))


def _cmd_extract(args: argparse.Namespace) -> int:
    out = sys.stdout
    for path in iter_paths(args.paths):
        out.write(json.dumps(extract_path(path).to_json(), ensure_ascii=False) + "\n")
    return 0


def _cmd_hash(args: argparse.Namespace) -> int:
    for path in iter_paths(args.paths):
        print(document_id(path.read_bytes()), path)
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    from ogi.synth import write_corpus

    n = write_corpus(Path(args.out), args.n, args.seed, args.workers)
    print(f"wrote {n} documents and truth.jsonl to {args.out}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    # Imported here because ogi.evaluate calls back into extract_path above.
    from ogi.evaluate import evaluate_dir, format_text

    root = Path(args.dir)
    if not (root / "truth.jsonl").is_file():
        print(f"ogi evaluate: no truth.jsonl in {root} (make one with `ogi synth`)", file=sys.stderr)
        return 2
    ev = evaluate_dir(root)
    print(json.dumps(ev.to_json(), ensure_ascii=False) if args.json else format_text(ev))
    failing = ev.failing(args.min_precision, args.min_recall)
    if failing:
        print(f"ogi evaluate: below --min-precision {args.min_precision} / --min-recall "
              f"{args.min_recall}: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ogi", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract figures from report files, print JSON Lines")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=_cmd_extract)
    p = sub.add_parser("hash", help="print the document_id (sha256) of each file")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=_cmd_hash)
    p = sub.add_parser("synth", help="write synthetic reports and their truth.jsonl")
    p.add_argument("--n", type=int, default=100, help="number of documents")
    p.add_argument("--seed", type=int, default=0, help="same seed, same bytes")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--workers", type=int, default=1,
                   help="processes writing documents (the bytes do not depend on it)")
    p.set_defaults(func=_cmd_synth)
    p = sub.add_parser("evaluate", help="score extraction against DIR/truth.jsonl")
    p.add_argument("dir")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--min-precision", type=float, default=0.0)
    p.add_argument("--min-recall", type=float, default=0.0)
    p.set_defaults(func=_cmd_evaluate)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
