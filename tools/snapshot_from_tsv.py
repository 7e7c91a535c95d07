"""Convert the verified Wikidata facts (shared/wikidata/gazetteer.tsv, plus
data/wikidata/supplement.tsv) into the offline snapshot data/wikidata/snapshot.jsonl, one
item per line, sorted by QID; a later file's row replaces an earlier one with the same QID.

Usage: python tools/snapshot_from_tsv.py SRC.tsv [SRC.tsv ...] data/wikidata/snapshot.jsonl
  e.g. python tools/snapshot_from_tsv.py ../shared/wikidata/gazetteer.tsv \
           data/wikidata/supplement.tsv data/wikidata/snapshot.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from kg.fileio import write_atomic


def convert(srcs: list[Path], dst: Path) -> int:
    by_qid: dict[str, dict[str, object]] = {}
    for src in srcs:
        by_qid.update({str(i["qid"]): i for i in _read(src)})
    items = sorted(by_qid.values(), key=lambda i: int(str(i["qid"])[1:]))
    write_atomic(
        dst, "".join(json.dumps(i, ensure_ascii=False, sort_keys=True) + "\n" for i in items)
    )
    return len(items)


def _read(src: Path) -> list[dict[str, object]]:
    items = []
    with src.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            item: dict[str, object] = {
                "qid": row["qid"],
                "label": row["label"],
                "aliases": [a.strip() for a in row["aliases"].split("|") if a.strip()],
                "type": row["type"],
                "description": row["description"],
            }
            if row["lat"] and row["lon"]:
                item["coord"] = [float(row["lat"]), float(row["lon"])]
            if row["located_in_qid"]:
                item["located_in"] = row["located_in_qid"]
            if row["country_qid"]:
                item["country"] = row["country_qid"]
            if row["role"]:
                item["positions"] = [row["role"]]
            item["source"] = row["source"]
            items.append(item)
    return items


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n = convert([Path(a) for a in sys.argv[1:-1]], Path(sys.argv[-1]))
    print(f"{n} items", file=sys.stderr)
