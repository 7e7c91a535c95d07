"""A writer killed with SIGKILL mid-way leaves the store readable, the article fully in or out."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "https://w3id.org/newskg/id/graph/killed"
N = 20_000

WRITER = f"""
import sys
from kg.store import open_store
store = open_store(sys.argv[1])
for k in range(1000):
    data = "".join(
        f'<https://ex.org/e/{{i}}> <https://ex.org/p> "v{{k}} {{i}}" .\\n' for i in range({N})
    ).encode()
    print("begin", k, flush=True)
    store.replace_graph("{GRAPH}", data)
    print("end", k, flush=True)
"""


def _kill_mid_write(path: Path, delay: float) -> tuple[int, int]:
    """Start the writer, wait for one full write, kill it ``delay`` s later.

    Returns:
        (last version fully written, last version begun) as reported by the writer.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.split())
        if line.startswith("end"):
            break
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest = proc.stdout.read()
    proc.stdout.close()
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    lines += [line.split() for line in rest.splitlines()]
    ended = max(int(k) for word, k in lines if word == "end")
    begun = max(int(k) for word, k in lines if word == "begin")
    return ended, begun


def test_sigkill_leaves_graph_fully_in_or_out(tmp_path: Path) -> None:
    path = tmp_path / "kg-store"
    rng = random.Random(5)
    killed_mid_write = 0
    for _ in range(2):
        ended, begun = _kill_mid_write(path, rng.uniform(0.1, 0.8))
        killed_mid_write += begun > ended
        with open_store(path) as store:  # reopens read-write: the lock died with the writer
            rows = store.query(
                f"SELECT ?o {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", default_graph_union=False
            ).rows
            versions = {row[0].value.split()[0] for row in rows}
            assert len(rows) == N, f"partial graph: {len(rows)} of {N} triples"
            assert len(versions) == 1, f"mixed versions: {sorted(versions)}"
            assert versions <= {f"v{ended}", f"v{begun}"}
            assert store.graphs() == [GRAPH]
    assert killed_mid_write, "the writer was never killed inside a write: nothing was tested"
