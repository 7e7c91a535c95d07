from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import find_articles, parse_article, read_article


def test_bundled_article_front_matter_and_body(article_path: Path) -> None:
    article = read_article(article_path)
    assert article.title is not None and article.title.startswith("Civilian Massacre")
    assert article.published == date(2025, 3, 8)
    assert article.language == "en"
    raw = article_path.read_text(encoding="utf-8")
    # the body is the file's text after the front-matter block, unchanged
    assert raw.endswith(article.body)
    assert article.body.startswith("NEWS\nNEWS\n")


def test_no_front_matter_keeps_whole_text() -> None:
    article = parse_article("First line\nSecond line")
    assert article.body == "First line\nSecond line"
    assert article.title == "First line"
    assert article.published is None


def test_key_prefers_url_over_body() -> None:
    a = parse_article("---\nurl: https://example.org/a\n---\nOne.")
    b = parse_article("---\nurl: https://example.org/a\n---\nTwo.")
    c = parse_article("---\n---\nOne.")
    assert a.key == b.key
    assert a.key != c.key


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "KG206"),
        (b"---\ntitle: x\n---\n   \n", "KG206"),
        (b"\x00\x01\x02binary", "KG203"),
        (b"caf\xe9 au lait", "KG204"),
        (b"---\ntitle: [unclosed\n---\nbody", "KG205"),
        (b"---\ntitle: x\nbody without closing", "KG205"),
        (b"---\n- a\n- b\n---\nbody", "KG205"),
        (b"---\npublished: 8th of March\n---\nbody", "KG207"),
    ],
)
def test_bad_files_raise_input_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert info.value.code == code
    assert str(path) in info.value.message


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        find_articles([tmp_path / "nope.txt"])
    assert info.value.code == "KG201"
    (tmp_path / "notes.csv").write_text("a,b")
    with pytest.raises(InputError) as info:
        find_articles([tmp_path])
    assert info.value.code == "KG202"


def test_directory_expands_sorted(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.csv"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_articles([tmp_path])] == ["a.txt", "b.md"]


def test_directory_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("x")
    (tmp_path / ".draft.md").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_articles([tmp_path])] == ["sub/a.md"]


def test_kgignore_excludes_folders_names_and_globs(tmp_path: Path) -> None:
    for name in (
        "a.txt",
        "README.md",
        "words/list.txt",
        "sub/README.md",
        "sub/b.md",
        "notes/x.txt",
        "notes/y.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text")
    (tmp_path / ".kgignore").write_text("# knowledge files\nwords/\nREADME.md\nnotes/*.txt\n")
    got = [p.relative_to(tmp_path).as_posix() for p in find_articles([tmp_path])]
    assert got == ["a.txt", "notes/y.md", "sub/b.md"]


def test_building_the_data_folder_finds_only_the_bundled_articles() -> None:
    from tests.conftest import DATA

    assert [p.name for p in find_articles([DATA])] == ["syria-coast-2025-03.txt"]


# -- hostile and unlucky input (issue 17): one clear InputError, never a crash or a blow-up


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        # "billion laughs" in YAML: aliases are refused before anything expands
        (b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nbody", "KG205", "alias"),
        (b"---\nbase: &base {title: x}\nother:\n  <<: *base\n---\nbody", "KG205", "alias"),
        (b"---\ntitle: {nested: map}\n---\nbody", "KG205", "'title' is a mapping"),
        (b"---\ntitle: [a, b]\n---\nbody", "KG205", "'title' is a list"),
        (b"---\nextra: {a: {b: c}}\n---\nbody", "KG205", "'extra' is a mapping"),
        (b"---\npublished: 9999-12-31\n---\nbody", "KG207", "outside the years"),
        (b"---\npublished: 0001-01-01\n---\nbody", "KG207", "outside the years"),
        ("---\ntitle: x\n---\nbody".encode("utf-16-le"), "KG203", "UTF-16"),
    ],
)
def test_hostile_front_matter_is_one_input_error(
    tmp_path: Path, content: bytes, code: str, words: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert info.value.code == code
    assert words in info.value.message
    assert "\n" not in info.value.message


def test_flat_list_of_an_unknown_key_is_kept(tmp_path: Path) -> None:
    article = parse_article("---\ntags: [war, syria]\n---\nBody.")
    assert dict(article.extra)["tags"] == "['war', 'syria']"


def test_front_matter_longer_than_the_limit_is_refused() -> None:
    from kg.ingest import MAX_FRONT_MATTER

    text = "---\nnote: " + "x" * MAX_FRONT_MATTER + "\n---\nBody."
    with pytest.raises(InputError) as info:
        parse_article(text)
    assert info.value.code == "KG205"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    text = "---\ntitle: Café\npublished: 2025-03-08\n---\nThe army shelled Homs."
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert article.title == "Café"
    assert article.body == "The army shelled Homs."
