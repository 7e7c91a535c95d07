"""Convert the verified Wikidata facts (shared/wikidata/gazetteer.tsv) into the offline
snapshot data/wikidata/snapshot.jsonl, one item per line, sorted by QID.

Usage: python tools/snapshot_from_tsv.py ../shared/wikidata/gazetteer.tsv data/wikidata/snapshot.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path


def convert(src: Path, dst: Path) -> int:
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
    items.sort(key=lambda i: int(str(i["qid"])[1:]))
    with dst.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    return len(items)


if __name__ == "__main__":
    n = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} items", file=sys.stderr)
