"""Folding the event stream into a Document (what `referat json` does in C)."""
import datetime

from ._model import (Attachment, Cell, Diagnostic, Document, Heading, Item, List, ListItem,
                     Meeting, Paragraph, Participant, Row, Section, Table, TocEntry)


def _date(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def _meta(meeting, ev):
    if ev.name == "Mødedato":
        meeting.weekday, meeting.time = ev.weekday, ev.time
    elif ev.name == "Mødested":
        meeting.location = ev.text or None


def _block(section, block, ev):
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
        block.items.append(ListItem(ev.label, ev.number, ev.text))
    elif t == "table_start":
        block = Table(ev.line)
        section.blocks.append(block)
    elif t == "table_row":
        block.rows.append(Row([Cell(text, value) for text, value in ev.cells], ev.header))
    return block


def fold(events):
    """Builds a Document from an iterable of Event records."""
    doc = Document()
    meeting = item = section = block = None
    for ev in events:
        t = ev.type
        if t == "meeting_start":
            meeting = Meeting(ev.kind, ev.body, _date(ev.date), ev.line)
            doc.meetings.append(meeting)
        elif t == "meta":
            _meta(meeting, ev)
        elif t == "participant":
            meeting.participants.append(Participant(ev.name, ev.note, ev.absent))
        elif t == "toc_entry":
            meeting.toc.append(TocEntry(ev.title, ev.number))
        elif t == "item_start":
            item = Item(ev.number, ev.title, ev.line, ev.toc_title, ev.page, ev.case, ev.closed)
            meeting.items.append(item)
        elif t == "absence":
            item.absent.append(ev.name)
        elif t == "section_start":
            section = Section(ev.kind, ev.heading, ev.line, ev.body, _date(ev.date))
            item.sections.append(section)
        elif t == "diagnostic":
            doc.diagnostics.append(Diagnostic(ev.kind, ev.severity, ev.line, ev.text))
        elif t in ("section_end", "item_end", "meeting_end", "list_end", "table_end"):
            block = None
        else:
            block = _block(section, block, ev)
    return doc
