"""kg.caching.by_identity: one computation per argument object, not per equal value."""

from __future__ import annotations

from kg.caching import SIZE, by_identity


def test_results_are_kept_by_identity_and_the_oldest_goes_first() -> None:
    calls: list[tuple[str, ...]] = []

    @by_identity
    def joined(words: list[str], sep: str) -> str:
        calls.append(tuple(words))
        return sep.join(words)

    first = ["a", "b"]
    assert joined(first, "-") == "a-b" and joined(first, "-") == "a-b"
    assert len(calls) == 1
    assert joined(["a", "b"], "-") == "a-b"  # equal but another object: computed again
    assert len(calls) == 2
    others = [[str(n)] for n in range(SIZE)]
    for words in others:
        joined(words, "-")
    joined(first, "-")  # pushed out by SIZE newer arguments
    assert len(calls) == 2 + SIZE + 1
    joined(others[-1], "-")  # still cached
    assert len(calls) == 2 + SIZE + 1
