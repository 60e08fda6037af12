"""Folding the event stream into a Document (what `referat json` does in C,
cli/cmd_json.c)."""
import datetime
import typing

from ._model import (Attachment, Cell, Diagnostic, Document, Heading, Item, List, ListItem,
                     Meeting, Paragraph, Participant, Participation, Point, Row, Section,
                     Subitem, Table, TocEntry, Votes)

# what cmd_json.c keeps of one decision (it drops the rest)
MAX_POINTS = 64
MAX_PEOPLE = 512


def _date(iso: typing.Optional[str]) -> typing.Optional[datetime.date]:
    return datetime.date.fromisoformat(iso) if iso else None


def _meta(meeting: Meeting, ev: typing.Any) -> None:
    if ev.meta == "date":
        meeting.weekday, meeting.time = ev.weekday, ev.time
    elif ev.meta == "location":
        meeting.location = ev.value or None


def _block(section: Section, block: typing.Any, ev: typing.Any) -> typing.Any:
    """Adds leaf events to the open section; returns the open list/table."""
    t = ev.type
    if t == "paragraph":
        section.blocks.append(Paragraph(ev.text, ev.line))
    elif t == "heading":
        section.blocks.append(Heading(ev.text, ev.line))
    elif t == "attachment":
        section.blocks.append(Attachment(ev.name, ev.line))
    elif t == "list_start":
        block = List(ev.line)
        section.blocks.append(block)
    elif t == "list_item":
        block.items.append(ListItem(ev.label, ev.level, ev.text))
    elif t == "table_start":
        block = Table(ev.line)
        section.blocks.append(block)
    elif t == "table_row":
        block.rows.append(Row([Cell(text, value) for text, value in ev.cells], ev.header))
    return block


def _fact(section: Section, ev: typing.Any) -> None:
    """An outcome, vote or participation event of the open section."""
    t = ev.type
    if t == "outcome" and ev.point == 0:
        section.outcome, section.outcome_phrase = ev.kind, ev.text
        section.outcome_reason = ev.reason
    elif t == "outcome":
        if len(section.points) < MAX_POINTS:
            section.points.append(Point(ev.point, ev.kind, ev.text))
    elif t == "vote":
        section.votes = Votes(ev.votes_for, ev.votes_against, ev.votes_abstain, ev.votes_total,
                              ev.unanimous, ev.for_names, ev.against_names, ev.abstain_names)
    elif len(section.participation) < MAX_PEOPLE:
        section.participation.append(Participation(ev.name, ev.kind, ev.text))


def fold(events: typing.Iterable[typing.Any], source: typing.Optional[str] = None) -> Document:
    """Builds a Document from an iterable of Event records."""
    doc = Document(source=source)
    meeting = item = subitem = section = block = None
    for ev in events:
        t = ev.type
        if t == "meeting_start":
            meeting = Meeting(ev.kind, ev.body, _date(ev.date), ev.line, ev.weekday, ev.time,
                              ev.location, end_time=ev.end_time, layout=ev.layout)
            doc.meetings.append(meeting)
        elif t == "meta":
            _meta(meeting, ev)
        elif t == "participant":
            meeting.participants.append(Participant(ev.name, ev.note, ev.absent, ev.party,
                                                    ev.role))
        elif t == "toc_entry":
            meeting.toc.append(TocEntry(ev.title, ev.page))
        elif t == "item_start":
            item = Item(ev.number, ev.title, ev.line, ev.toc_title, ev.page, ev.case_number,
                        ev.closed)
            subitem = None
            meeting.items.append(item)
        elif t == "subitem_start":
            subitem = Subitem(ev.label, ev.title, ev.line)
            item.subitems.append(subitem)
        elif t == "subitem_end":
            subitem = None
        elif t == "absence":
            item.absent.append(ev.name)
        elif t == "section_start":
            section = Section(ev.kind, ev.heading, ev.line, ev.body, _date(ev.date),
                              history=bool(ev.history))
            (subitem or item).sections.append(section)
        elif t in ("outcome", "vote", "participation"):
            _fact(section, ev)
        elif t == "diagnostic":
            doc.diagnostics.append(Diagnostic(ev.code, ev.severity, ev.line, ev.message))
        elif t in ("section_end", "item_end", "meeting_end", "list_end", "table_end"):
            block = None
        else:
            block = _block(section, block, ev)
    return doc
