"""Báo cáo kết quả (the conference's results) and the report on the previous round's petitions."""

from __future__ import annotations

from datetime import date

from docx.document import Document

from minutes_tui import texts
from minutes_tui.export.after_data import AfterConference, AfterItem, count, percent
from minutes_tui.export.named_doc import add_named_header, add_signer, grid_table, heading, set_properties
from minutes_tui.export.page import new_document
from minutes_tui.export.styles import paragraph
from minutes_tui.export.vndate import full_date, moment
from minutes_tui.meeting.tally import PENDING

#: The outcome columns of the fields table, in ``texts.REPORT_FIELD_COLUMNS`` order.
OUTCOME_COLUMNS = ("answered", "promised", "transferred", "off_topic", PENDING)
FIELD_WIDTHS = [4.2, 2.1, 2.1, 2.1, 2.1, 2.1, 1.8]
PENDING_WIDTHS = [1.3, 6.4, 3.9, 2.8, 2.1]
#: The previous round's table gives the state (with the result and the written answer) more room.
PREVIOUS_WIDTHS = [1.3, 5.4, 3.2, 2.4, 4.2]


def field_table(after: AfterConference) -> list[list[str]]:
    """Rows of fields × outcomes, then the totals row."""
    rows = []
    for field, counts in after.tally.by_field.items():
        cells = [str(counts[k]) for k in OUTCOME_COLUMNS]
        rows.append([after.field_labels.get(field.value, texts.PETITION_FIELDS[field.value]), *cells, str(sum(counts.values()))])
    totals = [str(after.tally.column_total(k)) for k in OUTCOME_COLUMNS]
    rows.append([texts.AFTER_DOC["total"], *totals, str(after.tally.opinions)])
    return rows


def _pending_rows(items: list[AfterItem]) -> list[list[str]]:
    return [
        [
            str(n),
            f"{i.question} ({i.asker})",
            i.responsible or "…",
            f"{i.deadline:%d/%m/%Y}" if i.deadline else "",
            f"{i.status}: {i.result}" if i.result else i.status,
        ]
        for n, i in enumerate(items, 1)
    ]


def results_lines(after: AfterConference) -> list[str]:
    """The sentences of section II (turns, opinions, authority; answered vs recorded)."""
    a, t = texts.AFTER_DOC, after.tally
    turns = a["report_turns"].format(
        turns=count(t.turns), opinions=count(t.opinions), within=count(t.within_ward),
        higher=count(t.higher), written=count(t.written),
    )  # fmt: skip
    answered = a["report_answered"].format(
        answered=count(t.answered), answered_pct=percent(t.answered, t.opinions),
        recorded=count(t.recorded), recorded_pct=percent(t.recorded, t.opinions),
        pending=a["report_pending_count"].format(pending=count(t.pending)) if t.pending else "",
    )  # fmt: skip
    return [turns, answered]


def _written(doc: Document, text: str) -> None:
    """The secretary's own paragraphs, or a dotted line to write on."""
    for block in [b.strip() for b in text.split("\n\n") if b.strip()] or [texts.AFTER_DOC["to_write"]]:
        paragraph(doc, " ".join(block.split()))


def build_report(after: AfterConference) -> Document:
    """The whole Báo cáo kết quả of the conference."""
    a = texts.AFTER_DOC
    doc = new_document()
    add_named_header(
        doc, after.office_for("report"), "report", after.place_name, after.issued,
        a["report_title"], a["report_summary"].format(conference=after.conference),
    )  # fmt: skip
    paragraph(doc, a["report_lead"])
    heading(doc, a["report_organisation"])
    paragraph(doc, a["report_time"].format(moment=moment(after.started)))
    paragraph(doc, a["report_place"].format(place=after.place or "…"))
    title = f", {after.chair_title}" if after.chair_title else ""
    paragraph(doc, a["report_chair"].format(chair=after.chair or "…", chair_title=title))
    paragraph(doc, a["report_attendance"], keep_with_next=True)
    for group, n in after.attendance:
        paragraph(doc, a["report_attendance_item"].format(group=group, count=count(n)))
    if not after.attendance:
        paragraph(doc, a["report_attendance_none"])
    heading(doc, a["report_results"])
    turns, answered = results_lines(after)
    paragraph(doc, turns)
    paragraph(doc, a["report_fields"], keep_with_next=True)
    grid_table(doc, texts.REPORT_FIELD_COLUMNS, field_table(after), FIELD_WIDTHS, bold_last=True)
    paragraph(doc, answered)
    heading(doc, a["report_follow_ups"])
    pending = [i for i in after.follow_ups if not i.closed]
    if pending:
        grid_table(doc, texts.REPORT_PENDING_COLUMNS, _pending_rows(pending), PENDING_WIDTHS)
    else:
        paragraph(doc, a["none"])
    heading(doc, a["report_assessment"])
    _written(doc, after.assessment)
    heading(doc, a["report_proposals"])
    _written(doc, after.proposals)
    add_signer(doc, after.chair, [a["report_recipient_up"], *(f"- {r};" for r in after.recipients)])
    set_properties(
        doc, texts.AFTER_DOC_TITLES["report"].format(conference=after.conference), after.chair,
        after.office.issuing_body, after.audio_sha256,
    )  # fmt: skip
    return doc


def previous_rate(items: list[AfterItem]) -> tuple[int, int, str]:
    """(settled, total, the rate sentence) of the follow-ups of a round."""
    closed = sum(i.closed for i in items)
    sentence = texts.AFTER_DOC["previous_rate"].format(
        closed=count(closed), total=count(len(items)), pct=percent(closed, len(items)), left=count(len(items) - closed)
    )
    return closed, len(items), sentence


def build_previous_report(previous: AfterConference, issued: date) -> Document:
    """Báo cáo kết quả giải quyết các ý kiến, kiến nghị of an earlier conference, with its rate."""
    a = texts.AFTER_DOC
    doc = new_document()
    add_named_header(
        doc, previous.office_for("previous"), "report", previous.place_name, issued,
        a["report_title"], a["previous_summary"].format(conference=previous.conference),
    )  # fmt: skip
    items = previous.follow_ups
    day = full_date(previous.started.date()) if previous.started else "…"
    paragraph(
        doc,
        a["previous_lead"].format(
            conference=previous.conference, day=day, opinions=count(previous.tally.opinions),
            follow=count(len(items)), today=full_date(issued),
        ),
    )  # fmt: skip
    if items:
        grid_table(doc, texts.REPORT_PENDING_COLUMNS, _pending_rows(items), PREVIOUS_WIDTHS)
        paragraph(doc, previous_rate(items)[2], bold=True)
    else:
        paragraph(doc, a["previous_none"])
    add_signer(doc, previous.chair, [a["report_recipient_up"], *(f"- {r};" for r in previous.recipients)])
    set_properties(
        doc, texts.AFTER_DOC_TITLES["previous"].format(conference=previous.conference), previous.chair,
        previous.office.issuing_body, previous.audio_sha256,
    )  # fmt: skip
    return doc
