"""``prefilter.longest_first`` finds what a position-by-position leftmost-longest scan finds: the
actors component's vocabulary scan relies on it."""

from __future__ import annotations

import random

from policykg.extract.prefilter import longest_first


def _scan(names: set[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest, one position at a time: the definition."""
    out, i, longest = [], 0, max(map(len, names))
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + n] in names:
                out.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return out


def test_the_longest_name_wins_and_a_shorter_one_is_the_fallback():
    names = ["生态环境", "生态环境主管部门", "环境", "主管部门", "部门"]
    found = [
        m.group()
        for m in longest_first(names).finditer("省生态环境主管部门和环境、生态环境主管单位部")
    ]
    assert found == ["生态环境主管部门", "环境", "生态环境"]


def test_it_matches_the_definition_on_random_texts():
    rng = random.Random(7)
    alphabet = "部门主管生态环境局"
    for _ in range(300):
        names = {"".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(12)}
        pattern = longest_first(names)
        for _ in range(10):
            text = "".join(rng.choices(alphabet + "，", k=rng.randint(0, 40)))
            assert [m.span() for m in pattern.finditer(text)] == _scan(names, text), (names, text)


def test_no_names_match_nothing():
    assert list(longest_first([]).finditer("生态环境")) == []
