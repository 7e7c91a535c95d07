"""Every miss of a scored article set, one row per gold incident and per missed entity.

The reference measure is ``../shared/devset/run_set.py``; this tool reads the same graphs with
the same scorer (``score.py`` beside the set) and prints, for each gold incident, what the best
matching predicted event or claim has against the gold: class, place, perpetrator (claimant),
date and casualty figure. It exists to sort misses into causes before changing the extraction.

Usage::

    python tools/devset_report.py ../shared/devset/articles [--built DIR] [--only FIELD]

``--built DIR`` reuses graphs built earlier (``DIR/NAME.trig``); otherwise every article is
built with ``.venv/bin/kg build`` into a temporary folder, as ``run_set.py`` does.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--built", type=Path, default=None)
    ap.add_argument("--only", default=None, help="found|type|place|perp|date|deaths")
    ap.add_argument("--kg", default=".venv/bin/kg")
    args = ap.parse_args()
    sys.path.insert(0, str(args.set_dir.parent))
    import rdflib  # noqa: F401
    from run_set import to_front_matter  # type: ignore[import-not-found]
    from score import (  # type: ignore[import-not-found]
        EVENT_CLASSES,
        NKG,
        RDF,
        find_span,
        load,
        mentions_of,
        names_of,
        norm,
    )

    out_dir = args.built or Path(tempfile.mkdtemp(prefix="kg-report-"))
    for txt in sorted(args.set_dir.glob("*.txt")):
        gold_path = txt.with_suffix(".gold.json")
        if not gold_path.exists():
            continue
        art = out_dir / txt.name
        out = out_dir / (txt.stem + ".trig")
        if args.built is None or not out.exists():
            to_front_matter(txt, art)
            subprocess.run([args.kg, "build", str(art), "--out", str(out)], capture_output=True)
        g = load(out)
        body = art.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        gold = json.loads(gold_path.read_text())
        names = {
            e["name"]: {norm(m) for m in e["mentions"] + [e["name"]]} for e in gold["entities"]
        }
        info = {}
        for ev in set(g.subjects(RDF.type, NKG.Event)) | set(g.subjects(RDF.type, NKG.Claim)):
            cls = [c for c in EVENT_CLASSES if (ev, RDF.type, NKG[c]) in g]
            if (ev, RDF.type, NKG.Event) not in g:
                cls = ["Statement"]
            spans = [(b, e, a) for a, b, e in mentions_of(g, ev, body) if b is not None]

            def vals(p, ev=ev):
                s = set()
                for o in g.objects(ev, p):
                    s |= names_of(g, o, body)
                return s

            perps = vals(NKG.perpetrator) | vals(NKG.claimant)
            dates = {
                str(d) for p in (NKG.date, NKG.startDate, NKG.endDate) for d in g.objects(ev, p)
            }
            deaths = [
                (g.value(r, NKG.deathsMin), g.value(r, NKG.deathsMax))
                for r in g.objects(ev, NKG.casualtyReport)
            ]
            info[ev] = dict(
                cls=cls,
                spans=spans,
                places=vals(NKG.place),
                perps=perps,
                dates=dates,
                deaths=deaths,
            )
        for ge in gold["events"]:
            if not ge.get("core", True):
                continue
            span = find_span(body, ge["evidence"]) if ge.get("evidence") else None
            cands = [
                ev
                for ev, i in info.items()
                if span and any(span[0] <= b < span[1] for b, _, _ in i["spans"])
            ]
            gplace = (
                names.get(ge.get("place"), {norm(ge.get("place") or "")})
                if ge.get("place")
                else set()
            )
            gperp = set().union(*(names.get(p, {norm(p)}) for p in ge.get("perpetrators") or []))
            first = (ge.get("date") or "").split("/")[0]

            def fit(ev, ge=ge, gplace=gplace, gperp=gperp, first=first):
                i = info[ev]
                return (
                    (ge["type"] in i["cls"])
                    + bool(gplace & i["places"])
                    + bool(gperp & i["perps"])
                    + bool(first and any(d.startswith(first) for d in i["dates"]))
                )

            row = {"article": txt.stem[:2], "type": ge["type"], "trigger": ge.get("trigger")}
            if not cands:
                row["miss"] = "found"
                row["evidence"] = ge.get("evidence", "")[:160]
            else:
                best = info[max(cands, key=fit)]
                miss = []
                if ge["type"] not in best["cls"]:
                    miss.append("type")
                if gplace and not gplace & best["places"]:
                    miss.append("place")
                if gperp and not gperp & best["perps"]:
                    miss.append("perp")
                if first and not any(d.startswith(first) for d in best["dates"]):
                    miss.append("date")
                figs = [
                    (d["min"], d["max"])
                    for d in [ge.get("deaths") or {}]
                    if d and (d.get("min") is not None or d.get("max") is not None)
                ]
                if figs:
                    ok = any(
                        (gmin is None or (mn is not None and int(mn) == gmin))
                        and (gmax is None or (mx is not None and int(mx) == gmax))
                        for gmin, gmax in figs
                        for ev in cands
                        for mn, mx in info[ev]["deaths"]
                    )
                    if not ok:
                        miss.append("deaths")
                row["miss"] = ",".join(miss)
                row["pred"] = {
                    "cls": best["cls"],
                    "trig": [a for _, _, a in best["spans"]][:2],
                    "place": sorted(best["places"])[:3],
                    "perp": sorted(best["perps"])[:3],
                    "date": sorted(best["dates"]),
                    "deaths": [(str(a), str(b)) for a, b in best["deaths"]],
                }
                row["gold"] = {
                    "place": ge.get("place"),
                    "perp": ge.get("perpetrators"),
                    "date": ge.get("date"),
                    "deaths": ge.get("deaths"),
                }
                row["evidence"] = ge.get("evidence", "")[:200]
            if args.only and args.only not in row["miss"].split(","):
                continue
            print(json.dumps(row, ensure_ascii=False))
    print(f"# graphs in {out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
