"""The link policy (``data/wikidata/link_policy.jsonl``): items that may be a
``skos:closeMatch`` but never an ``owl:sameAs``, each with its reason and source."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kg.errors import ConfigError
from kg.resources import data_dir

RELATIONS = frozenset({"closeMatch"})


def policy_path() -> Path:
    return data_dir() / "wikidata" / "link_policy.jsonl"


@cache
def close_only(path: Path | None = None) -> frozenset[str]:
    """QIDs the policy caps at ``skos:closeMatch``."""
    path = path or policy_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError("KG111", f"{path}: cannot read the link policy ({e.strerror})") from e
    capped: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            qid, relation = d["qid"], d["max_relation"]
            if relation not in RELATIONS or not d.get("reason"):
                raise ValueError(f"max_relation must be one of {sorted(RELATIONS)}, with a reason")
        except (ValueError, KeyError, TypeError) as e:
            raise ConfigError("KG111", f"{path}:{n}: malformed link policy line ({e})") from e
        capped.add(qid)
    return frozenset(capped)
