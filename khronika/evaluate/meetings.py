"""`khronika eval meetings`: recall of factRuEval-2016 Meeting facts as CONSULT events.

A Meeting fact lists its participants by normalised name ("Саркози Николя"). It is found
when one CONSULT event of the article (or, for a fact marked future, its PLOVER folding,
an AGREE 036) has participants covering all of them: a participant is covered by an
actor or recipient whose name or mention contains the participant's first word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..kb.keys import key as fold
from ..pipeline import analyze_text
from ..progress import Progress, silent


@dataclass
class Meeting:
    doc: str
    participants: list[str]
    future: bool = False


@dataclass
class MeetingReport:
    meetings: int = 0
    found: int = 0  # as CONSULT
    found_any: int = 0  # as CONSULT, or as AGREE 036 for a future meeting
    lines: list[str] = field(default_factory=list)


def read_meetings(folder: str | Path) -> list[Meeting]:
    out = []
    for path in sorted(Path(folder).glob("*.facts")):
        block: list[str] = []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.strip():
                block.append(line.strip())
                continue
            if block and block[0].endswith(" Meeting"):
                names = [" ".join(b.split()[2:]) for b in block[1:] if b.startswith("Participant")]
                future = any("будущее" in b for b in block)
                out.append(Meeting(path.stem, names, future))
            block = []
    return out


def _covers(event: dict, name: str) -> bool:
    word = fold(name.split()[0])
    for a in event["actors"] + event["recipients"]:
        seen = " ".join([a.get("text") or "", a.get("normal") or "",
                         (a.get("labels") or {}).get("ru") or ""])
        if word[: max(4, len(word) - 2)] in fold(seen):
            return True
    return False


def evaluate_meetings(
    folder: str | Path, resources, *, progress: Progress = silent
) -> MeetingReport:
    """Recall of the Meeting facts in ``folder``; ``progress`` sees every fact go by."""
    report = MeetingReport()
    folder = Path(folder)
    for meeting in progress(read_meetings(folder), "meetings", lambda m: m.doc):
        text = (folder / f"{meeting.doc}.txt").read_text(encoding="utf-8")
        doc = analyze_text(text, None, resources)
        events = [e.to_json() for e in doc.events]
        consult = [e for e in events if e["plover"] == "CONSULT"
                   and all(_covers(e, p) for p in meeting.participants)]
        intent = [e for e in events if e["code"] == "036"
                  and all(_covers(e, p) for p in meeting.participants)]
        report.meetings += 1
        report.found += bool(consult)
        report.found_any += bool(consult or (meeting.future and intent))
        how = ("CONSULT" if consult else
               "AGREE 036 (future)" if meeting.future and intent else "missed")
        report.lines.append(f"{meeting.doc}: {' + '.join(meeting.participants)}: {how}")
    return report


def format_report(report: MeetingReport) -> str:
    n = report.meetings or 1
    return "\n".join([
        f"{report.meetings} Meeting facts",
        f"found as CONSULT: {report.found} ({report.found / n:.0%})",
        f"found as CONSULT, or AGREE 036 where the fact is future: {report.found_any} "
        f"({report.found_any / n:.0%})",
        *report.lines,
    ])
