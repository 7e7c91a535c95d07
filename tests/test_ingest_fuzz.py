"""Fuzzing the article reader (issue 17): whatever bytes a file holds, reading it either gives
an Article or raises one InputError with a documented code and a one-line message."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_article

_DOCUMENTED = set(
    re.findall(
        r"^\| (KG\d{3}) \|", (Path(__file__).parent.parent / "docs/cli.md").read_text(), re.M
    )
)

# YAML-ish pieces, so that the fuzzer reaches the YAML parser and the value checks, not only
# the UTF-8 decoder
_PIECES = st.sampled_from(
    [
        "---\n",
        "title: ",
        "published: ",
        "url: ",
        "&a ",
        "*a",
        "<<: ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "\n",
        "2025-03-08",
        "9999-12-31",
        "x",
        "'",
        '"',
        "!!python/object ",
        "\t",
        "\ufeff",
        "é",
        "\x00",
        "...\n",
        "? ",
        "|\n",
        "  ",
    ]
)
_TEXT = st.lists(_PIECES | st.text(max_size=8), max_size=40).map("".join)
_RAW = _TEXT.map(lambda s: s.encode("utf-8")) | st.binary(max_size=200)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=_RAW)
def test_reader_gives_an_article_or_one_documented_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(raw)
    try:
        article = read_article(path)
    except InputError as e:
        assert e.code in _DOCUMENTED, e.code
        assert "\n" not in e.message
    else:
        assert article.body.strip()
