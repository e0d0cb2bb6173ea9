"""casework's shared modules and templates name no part of the practice kind either: not its
kind name, app, models, flow or URL names (the same scan as
``tests/casework/test_no_kind_names.py``; the plain English word "practice" in prose, as in
the docstring of ``FrozenVersion``, is not a name of the kind)."""

import re

from tests.casework import test_no_kind_names as scan

PRACTICE_NAMES = re.compile(
    r"^practice$|kinds\.practice|GoodPractice|PracticeVersion|PracticeFlow|PracticeStatus"
    r"|practice-(new|edit|score)|ReviewCriterion|PracticeScore"
)


def test_shared_modules_name_nothing_of_the_practice_kind(monkeypatch):
    monkeypatch.setattr(scan, "KIND_WORDS", PRACTICE_NAMES)
    found = [hit for path in scan.shared_modules() for hit in scan.kind_names(path)]
    assert found == []


def test_shared_templates_name_nothing_of_the_practice_kind():
    found = [
        str(path)
        for path in scan.shared_templates()
        if PRACTICE_NAMES.search(path.read_text(encoding="utf-8"))
        or re.search(r"\bpractice[-_]", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_would_see_the_kind_name():
    assert PRACTICE_NAMES.search("practice")
    assert PRACTICE_NAMES.search("casework.kinds.practice.models")
    assert not PRACTICE_NAMES.search("a practice")
