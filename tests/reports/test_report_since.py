"""Since last time in the PDF: the scores then and now, what was done, the answers that changed."""

from reports.samples import sample_snapshot

from .test_report_action_plan import _pages


def _since_block(pages: list[str]) -> str:
    text = " ".join(pages)
    return text.split("SINCE LAST TIME", 1)[1].split("APPENDIX Every question", 1)[0]


def test_the_decision_in_full_says_what_changed_since_last_time():
    since = _since_block(_pages(sample_snapshot()))

    assert "Since the assessment of 4 March 2026: Not yet, as before · overall 49 → 61 (+12)" in (
        since
    )
    assert (
        "Scores then and now • Ownership: 41 → 78 (+37) • Outcome and value: 58 → 64 (+6) "
        "• Integration and data: 38 → 38 (no change) • Oversight and quality: 61 → 55 (−6) "
        "• Adoption: 47 → 71 (+24)"
    ) in since
    assert (
        "Done since last time • One named person is accountable for the workflow in production"
    ) in since
    assert (
        "Answers that changed BETTER (2) "
        "• When was the person who will run it in production named? "
        "Nobody is named yet → Part way through the pilot "
        "• How far along is training for the people who will use it? "
        "No answer → Materials ready "
        "WORSE (1) • Is the monitoring running today? "
        "It runs, with a log or dashboard someone reviews every week → "
        "It runs and someone looks now and then "
        "OTHER CHANGES (1) • If the pilot works, what happens next? One or two sentences. "
        "Sales uses it for web leads. → Sales uses it for web and phone leads."
    ) in since


def test_evidence_that_changed_is_said_beside_the_answer():
    snapshot = sample_snapshot()
    prompt = "Can the owner change the process without asking anyone?"
    snapshot["since"]["answers_changed"] = [
        {
            "prompt": "When was the person who will run it in production named?",
            "before": "Part way through the pilot",
            "after": "Part way through the pilot",
            "direction": "better",
            "evidence": "evidence: a note → a link",
        },
        {
            "prompt": prompt,
            "before": "Yes",
            "after": "Yes",
            "direction": "worse",
            "evidence": "evidence removed",
        },
        {
            "prompt": "Is the monitoring running today?",
            "before": "It runs and someone looks now and then",
            "after": "It runs, with a log or dashboard someone reviews every week",
            "direction": "better",
            "evidence": "evidence added: a link",
        },
    ]

    since = _since_block(_pages(snapshot))

    assert (
        "Answers that changed BETTER (2) "
        "• When was the person who will run it in production named? "
        "Part way through the pilot (evidence: a note → a link) "
        "• Is the monitoring running today? It runs and someone looks now and then → "
        "It runs, with a log or dashboard someone reviews every week "
        "(evidence added: a link) "
        f"WORSE (1) • {prompt} Yes (evidence removed)"
    ) in since


def test_no_answer_changed_is_said_in_so_many_words():
    snapshot = sample_snapshot()
    snapshot["since"]["answers_changed"] = []

    since = _since_block(_pages(snapshot))

    assert "Answers that changed No answer changed since 4 March 2026." in since
    assert "BETTER (" not in since


def test_a_report_from_before_answers_were_compared_lists_neither_answers_nor_actions():
    snapshot = sample_snapshot()
    del snapshot["since"]["answers_changed"]
    del snapshot["since"]["actions_done"]

    since = _since_block(_pages(snapshot))

    assert "Scores then and now • Ownership: 41 → 78 (+37)" in since
    assert "Answers that changed" not in since
    assert "No answer changed" not in since
    assert "Done since last time" not in since


def test_a_long_list_of_changed_answers_never_splits_one_across_pages():
    snapshot = sample_snapshot()
    snapshot["since"]["answers_changed"] = [
        {
            "prompt": f"Question number {n} about how the pilot runs from day to day, "
            + "and what the team does when it goes wrong " * (n % 4),
            "before": f"Answer {n} as it stood in March, " + "with its reasons written out " * 4,
            "after": f"Answer {n} as it stands now, " + "with its new reasons written out " * 4,
            "direction": ("better", "worse", "changed")[n % 3],
        }
        for n in range(1, 61)
    ]

    pages = _pages(snapshot)

    start = next(n for n, page in enumerate(pages) if "SINCE LAST TIME" in page)
    assert any("Question number 60" in page for page in pages[start + 1 :]), "it runs on"
    for n in range(1, 61):
        line = f"Question number {n} about how the pilot runs from day to day"
        holding = [page for page in pages if line in page]
        assert len(holding) == 1, f"question {n} is whole on one page"
        end = f"Answer {n} as it stands now, " + "with its new reasons written out " * 3
        assert end in holding[0]
