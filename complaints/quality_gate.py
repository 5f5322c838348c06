"""What complaints tell dispatch's quality gate (QG-1). Dispatch sits on this app's floor and
never imports it; it collects every installed app's `quality_gate` module instead, as staff
collects the apps' navigation (docs/architecture.md)."""

from datetime import date

from .queries.quality import follow_up_scores, responsible_designer_complaints


def designer_facts(start: date, end: date) -> dict[str, dict[int, list[tuple]]]:
    """Per kind of fact, designer id -> [(day, value)], between `start` and `end`: decisions
    naming the design department responsible (CMP-5, value: the complaint number) and follow-up
    satisfaction (CMP-6, value: 1–5). Two queries."""
    return {
        "complaints": responsible_designer_complaints(start, end),
        "scores": follow_up_scores(start, end),
    }
