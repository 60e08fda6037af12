"""The document model (SPEC §3) as plain Python objects.

``to_dict()`` gives exactly the JSON document of ``referat json`` (same keys
in the same order, dates as ISO strings)."""
import dataclasses
import datetime
import json
import typing


def _iso(d):
    return d.isoformat() if d is not None else None


@dataclasses.dataclass
class Participant:
    """A meeting participant; ``absent`` when the note says Afbud."""
    name: str
    note: typing.Optional[str] = None
    absent: bool = False

    def to_dict(self):
        d = {"name": self.name}
        if self.note is not None:
            d["note"] = self.note
        d["absent"] = self.absent
        return d


@dataclasses.dataclass
class TocEntry:
    """A table-of-contents line: title and page."""
    title: str
    page: int

    def to_dict(self):
        return {"title": self.title, "page": self.page}


@dataclasses.dataclass
class Paragraph:
    """A paragraph block."""
    text: str
    line: int
    type: typing.ClassVar[str] = "paragraph"

    def to_dict(self):
        return {"type": self.type, "line": self.line, "text": self.text}


@dataclasses.dataclass
class Heading(Paragraph):
    """A heading inside a section (a short line before a paragraph)."""
    type: typing.ClassVar[str] = "heading"


@dataclasses.dataclass
class Attachment:
    """An attachment named in a Bilag section."""
    name: str
    line: int
    type: typing.ClassVar[str] = "attachment"

    def to_dict(self):
        return {"type": self.type, "line": self.line, "name": self.name}


@dataclasses.dataclass
class ListItem:
    """A list item: label ("-", "1.", "a)"), nesting level and text."""
    label: str
    level: int
    text: str

    def to_dict(self):
        return {"label": self.label, "level": self.level, "text": self.text}


@dataclasses.dataclass
class List:
    """A list block."""
    line: int
    items: typing.List[ListItem] = dataclasses.field(default_factory=list)
    type: typing.ClassVar[str] = "list"

    def to_dict(self):
        return {"type": self.type, "line": self.line, "items": [i.to_dict() for i in self.items]}


@dataclasses.dataclass
class Cell:
    """A table cell; ``value`` is the number when the cell is one ("71,9" -> 71.9)."""
    text: str
    value: typing.Union[int, float, None] = None

    def to_dict(self):
        d = {"text": self.text}
        if self.value is not None:
            d["value"] = self.value
        return d


@dataclasses.dataclass
class Row:
    """A table row."""
    cells: typing.List[Cell]
    header: bool = False

    def to_dict(self):
        return {"cells": [c.to_dict() for c in self.cells], "header": self.header}


@dataclasses.dataclass
class Table:
    """A table block (TAB-separated or markdown pipe table)."""
    line: int
    rows: typing.List[Row] = dataclasses.field(default_factory=list)
    type: typing.ClassVar[str] = "table"

    def to_dict(self):
        return {"type": self.type, "line": self.line, "rows": [r.to_dict() for r in self.rows]}


@dataclasses.dataclass(repr=False)
class Section:
    """A section of an item: kind ("background", "decision", ...), heading,
    and for decisions the body and date."""
    kind: str
    heading: str
    line: int
    body: typing.Optional[str] = None
    date: typing.Optional[datetime.date] = None
    blocks: list = dataclasses.field(default_factory=list)

    @property
    def text(self):
        """The section's paragraphs, headings and list items as one text."""
        parts = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                parts.append(b.text)
            elif isinstance(b, List):
                parts.extend(f"{i.label} {i.text}" for i in b.items)
        return "\n".join(parts)

    def __repr__(self):
        return f"<Section {self.kind} {self.heading!r} line {self.line}, {len(self.blocks)} blocks>"

    def to_dict(self):
        d = {"kind": self.kind, "heading": self.heading}
        if self.kind == "decision":
            d["body"] = self.body
            d["date"] = _iso(self.date)
        d["line"] = self.line
        d["blocks"] = [b.to_dict() for b in self.blocks]
        return d


@dataclasses.dataclass(repr=False)
class Item:
    """An agenda item ("Punkt N: Title")."""
    number: int
    title: str
    line: int
    toc_title: typing.Optional[str] = None
    page: typing.Optional[int] = None
    case: typing.Optional[str] = None
    closed: bool = False
    absent: typing.List[str] = dataclasses.field(default_factory=list)
    sections: typing.List[Section] = dataclasses.field(default_factory=list)

    @property
    def decisions(self):
        """The item's decision sections."""
        return [s for s in self.sections if s.kind == "decision"]

    def __repr__(self):
        return (f"<Item {self.number} {self.title!r} case {self.case}, "
                f"{len(self.sections)} sections>")

    def to_dict(self):
        return {"number": self.number, "title": self.title, "toc_title": self.toc_title,
                "page": self.page, "case": self.case, "closed": self.closed,
                "absent": list(self.absent), "line": self.line,
                "sections": [s.to_dict() for s in self.sections]}


@dataclasses.dataclass(repr=False)
class Meeting:
    """One meeting: header, meta lines, participants, TOC and items."""
    kind: str
    body: str
    date: datetime.date
    line: int
    weekday: typing.Optional[str] = None
    time: typing.Optional[str] = None
    location: typing.Optional[str] = None
    participants: typing.List[Participant] = dataclasses.field(default_factory=list)
    toc: typing.List[TocEntry] = dataclasses.field(default_factory=list)
    items: typing.List[Item] = dataclasses.field(default_factory=list)

    def __repr__(self):
        return f"<Meeting {self.kind} {self.body} {_iso(self.date)}, {len(self.items)} items>"

    def to_dict(self):
        return {"kind": self.kind, "body": self.body, "date": _iso(self.date),
                "weekday": self.weekday, "time": self.time, "location": self.location,
                "line": self.line,
                "participants": [p.to_dict() for p in self.participants],
                "toc": [t.to_dict() for t in self.toc],
                "items": [i.to_dict() for i in self.items]}


@dataclasses.dataclass
class Diagnostic:
    """Recoverable damage found while parsing (severity "warning")."""
    code: str
    severity: str
    line: int
    message: str

    def to_dict(self):
        return {"code": self.code, "severity": self.severity, "line": self.line,
                "message": self.message}


@dataclasses.dataclass(repr=False)
class Document:
    """The result of ``referat.parse``: meetings and diagnostics."""
    meetings: typing.List[Meeting] = dataclasses.field(default_factory=list)
    diagnostics: typing.List[Diagnostic] = dataclasses.field(default_factory=list)

    def __repr__(self):
        items = sum(len(m.items) for m in self.meetings)
        return (f"<Document {len(self.meetings)} meetings, {items} items, "
                f"{len(self.diagnostics)} diagnostics>")

    def to_dict(self):
        """The document as ``referat json`` prints it (plain dicts and lists)."""
        return {"meetings": [m.to_dict() for m in self.meetings],
                "diagnostics": [d.to_dict() for d in self.diagnostics]}

    def to_json(self, **kwargs):
        """``to_dict()`` as JSON text; by default laid out like ``referat json``."""
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def frames(self):
        """pandas DataFrames for notebooks: ``meetings``, ``items``,
        ``decisions``, ``attendance``, ``attachments``, ``table_rows``."""
        from ._frames import frames
        return frames(self)
