"""The document model (SPEC §3) as plain Python objects.

``to_dict()`` gives exactly the JSON document of ``referat json`` (same keys
in the same order, dates as ISO strings). Every class is a dataclass: equal
when their fields are, picklable, printable."""
import dataclasses
import datetime
import json
import typing

__all__ = ["Participant", "TocEntry", "Paragraph", "Heading", "Attachment", "ListItem", "List",
           "Cell", "Row", "Table", "Point", "Votes", "Participation", "Section", "Subitem",
           "Item", "Meeting", "Diagnostic", "Document"]

Number = typing.Union[int, float]


def _iso(d: typing.Optional[datetime.date]) -> typing.Optional[str]:
    return d.isoformat() if d is not None else None


@dataclasses.dataclass
class Participant:
    """A meeting participant; ``absent`` when the note says Afbud; ``party``
    the party letters ("A"), ``role`` as written ("formand").

        >>> Participant("Ulla Bech", party="A", role="formand").to_dict()
        {'name': 'Ulla Bech', 'party': 'A', 'role': 'formand', 'absent': False}
    """
    name: str
    note: typing.Optional[str] = None
    absent: bool = False
    party: typing.Optional[str] = None
    role: typing.Optional[str] = None

    def to_dict(self) -> dict:
        """The participant as ``referat json`` prints it."""
        d: dict = {"name": self.name}
        if self.note is not None:
            d["note"] = self.note
        if self.party is not None:
            d["party"] = self.party
        if self.role is not None:
            d["role"] = self.role
        d["absent"] = self.absent
        return d


@dataclasses.dataclass
class TocEntry:
    """A table-of-contents line: title and page (None when the TOC has no pages).

        >>> TocEntry("Godkendelse af dagsorden", None).to_dict()
        {'title': 'Godkendelse af dagsorden', 'page': None}
    """
    title: str
    page: typing.Optional[int]

    def to_dict(self) -> dict:
        """The entry as ``referat json`` prints it."""
        return {"title": self.title, "page": self.page}


@dataclasses.dataclass
class Paragraph:
    """A paragraph block.

        >>> Paragraph("Godkendt.", 12).to_dict()
        {'type': 'paragraph', 'line': 12, 'text': 'Godkendt.'}
    """
    text: str
    line: int
    type: typing.ClassVar[str] = "paragraph"

    def to_dict(self) -> dict:
        """The block as ``referat json`` prints it."""
        return {"type": self.type, "line": self.line, "text": self.text}


@dataclasses.dataclass
class Heading(Paragraph):
    """A heading inside a section (a short line before a paragraph).

        >>> Heading("Økonomi", 3).type
        'heading'
    """
    type: typing.ClassVar[str] = "heading"


@dataclasses.dataclass
class Attachment:
    """An attachment named in a Bilag section.

        >>> Attachment("Bilag 1 - Notat.pdf", 43).name
        'Bilag 1 - Notat.pdf'
    """
    name: str
    line: int
    type: typing.ClassVar[str] = "attachment"

    def to_dict(self) -> dict:
        """The block as ``referat json`` prints it."""
        return {"type": self.type, "line": self.line, "name": self.name}


@dataclasses.dataclass
class ListItem:
    """A list item: label ("-", "1.", "a)"), nesting level (0 outermost) and text.

        >>> ListItem("-", 0, "at godkende budgettet").text
        'at godkende budgettet'
    """
    label: str
    level: int
    text: str

    def to_dict(self) -> dict:
        """The list item as ``referat json`` prints it."""
        return {"label": self.label, "level": self.level, "text": self.text}


@dataclasses.dataclass
class List:
    """A list block.

        >>> List(5, [ListItem("-", 0, "a")]).to_dict()["items"]
        [{'label': '-', 'level': 0, 'text': 'a'}]
    """
    line: int
    items: typing.List[ListItem] = dataclasses.field(default_factory=list)
    type: typing.ClassVar[str] = "list"

    def to_dict(self) -> dict:
        """The block as ``referat json`` prints it."""
        return {"type": self.type, "line": self.line, "items": [i.to_dict() for i in self.items]}


@dataclasses.dataclass
class Cell:
    """A table cell; ``value`` is the number when the cell is one ("71,9" -> 71.9).

        >>> Cell("608.192", 608192).value
        608192
    """
    text: str
    value: typing.Optional[Number] = None

    def to_dict(self) -> dict:
        """The cell as ``referat json`` prints it."""
        d: dict = {"text": self.text}
        if self.value is not None:
            d["value"] = self.value
        return d


@dataclasses.dataclass
class Row:
    """A table row.

        >>> Row([Cell("År"), Cell("Beløb")], header=True).header
        True
    """
    cells: typing.List[Cell]
    header: bool = False

    def to_dict(self) -> dict:
        """The row as ``referat json`` prints it."""
        return {"cells": [c.to_dict() for c in self.cells], "header": self.header}


@dataclasses.dataclass
class Table:
    """A table block (TAB-separated or markdown pipe table).

        >>> t = Table(1, [Row([Cell("År"), Cell("Beløb")], True),
        ...               Row([Cell("2023", 2023), Cell("1.000", 1000)])])
        >>> t.to_frame()["Beløb"].tolist()
        [1000]
    """
    line: int
    rows: typing.List[Row] = dataclasses.field(default_factory=list)
    type: typing.ClassVar[str] = "table"

    def to_dict(self) -> dict:
        """The block as ``referat json`` prints it."""
        return {"type": self.type, "line": self.line, "rows": [r.to_dict() for r in self.rows]}

    def to_frame(self) -> "typing.Any":
        """The table as a pandas DataFrame: the first header row (if any)
        gives the column names, the other rows are the data; a column whose
        cells are all numbers (or empty) holds the numbers (Int64 when they
        are whole, else Float64), the others the texts."""
        from ._frames import table_frame
        return table_frame(self)


@dataclasses.dataclass
class Point:
    """The outcome of one indstillingspunkt of a decision.

        >>> Point(2, "rejected", "Punkt 2 forkastet").to_dict()
        {'point': 2, 'outcome': 'rejected', 'phrase': 'Punkt 2 forkastet'}
    """
    point: int
    outcome: str
    phrase: typing.Optional[str] = None

    def to_dict(self) -> dict:
        """The point as ``referat json`` prints it."""
        return {"point": self.point, "outcome": self.outcome, "phrase": self.phrase}


@dataclasses.dataclass
class Votes:
    """A decision's votes; a count is None when the document does not state it.

        >>> Votes(votes_for=20, votes_against=5).to_dict()["against"]
        5
    """
    votes_for: typing.Optional[int] = None
    votes_against: typing.Optional[int] = None
    votes_abstain: typing.Optional[int] = None
    votes_total: typing.Optional[int] = None
    unanimous: bool = False
    for_names: typing.Optional[str] = None
    against_names: typing.Optional[str] = None
    abstain_names: typing.Optional[str] = None

    def to_dict(self) -> dict:
        """The votes as ``referat json`` prints them ("for", "against", ...)."""
        return {"for": self.votes_for, "against": self.votes_against,
                "abstain": self.votes_abstain, "total": self.votes_total,
                "unanimous": self.unanimous, "for_names": self.for_names,
                "against_names": self.against_names, "abstain_names": self.abstain_names}


@dataclasses.dataclass
class Participation:
    """How one person took part in a decision: kind is "recusal", "dissent",
    "assent", "abstain", "guest" or "absent"; phrase as written.

        >>> Participation("Niels Storm", "recusal").kind
        'recusal'
    """
    name: str
    kind: str
    phrase: typing.Optional[str] = None

    def to_dict(self) -> dict:
        """The entry as ``referat json`` prints it."""
        return {"name": self.name, "kind": self.kind, "phrase": self.phrase}


Block = typing.Union[Paragraph, Heading, Attachment, List, Table]


@dataclasses.dataclass(repr=False)
class Section:
    """A section of an item: kind ("background", "decision", ...), heading,
    and for decisions the body, date, whether it is an earlier meeting's
    decision (``history``), and what was decided: ``outcome`` ("approved",
    ...), its phrase and reason, per-point outcomes, votes and participation.

        >>> s = Section("decision", "Beslutning", 30, "Byrådet", None, outcome="approved")
        >>> s.to_dict()["outcome"]
        'approved'
    """
    kind: str
    heading: str
    line: int
    body: typing.Optional[str] = None
    date: typing.Optional[datetime.date] = None
    blocks: typing.List[Block] = dataclasses.field(default_factory=list)
    history: bool = False
    outcome: typing.Optional[str] = None
    outcome_phrase: typing.Optional[str] = None
    outcome_reason: typing.Optional[str] = None
    points: typing.List[Point] = dataclasses.field(default_factory=list)
    votes: typing.Optional[Votes] = None
    participation: typing.List[Participation] = dataclasses.field(default_factory=list)

    @property
    def text(self) -> str:
        """The section's paragraphs, headings and list items as one text."""
        parts = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                parts.append(b.text)
            elif isinstance(b, List):
                parts.extend(f"{i.label} {i.text}" for i in b.items)
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"<Section {self.kind} {self.heading!r} line {self.line}, {len(self.blocks)} blocks>"

    def to_dict(self) -> dict:
        """The section as ``referat json`` prints it."""
        d: dict = {"kind": self.kind, "heading": self.heading}
        if self.kind == "decision":
            d["body"] = self.body
            d["date"] = _iso(self.date)
            d["history"] = self.history
        d["line"] = self.line
        d["blocks"] = [b.to_dict() for b in self.blocks]
        if self.outcome is not None:
            d["outcome"] = self.outcome
            d["outcome_phrase"] = self.outcome_phrase
            d["outcome_reason"] = self.outcome_reason
        if self.points:
            d["points"] = [p.to_dict() for p in self.points]
        if self.votes is not None:
            d["votes"] = self.votes.to_dict()
        if self.participation:
            d["participation"] = [p.to_dict() for p in self.participation]
        return d


@dataclasses.dataclass(repr=False)
class Subitem:
    """A sub-item of an item ("1.1 Status", "a." + title) with its sections.

        >>> Subitem("a", "Skolernes julearrangementer", 21).to_dict()["label"]
        'a'
    """
    label: str
    title: str
    line: int
    sections: typing.List[Section] = dataclasses.field(default_factory=list)

    @property
    def decisions(self) -> typing.List[Section]:
        """The sub-item's decision sections."""
        return [s for s in self.sections if s.kind == "decision"]

    def __repr__(self) -> str:
        return f"<Subitem {self.label} {self.title!r}, {len(self.sections)} sections>"

    def to_dict(self) -> dict:
        """The sub-item as ``referat json`` prints it."""
        return {"label": self.label, "title": self.title, "line": self.line,
                "sections": [s.to_dict() for s in self.sections]}


@dataclasses.dataclass(repr=False)
class Item:
    """An agenda item ("Punkt N: Title") with its sections and sub-items.

        >>> Item(1, "Meddelelser", 16, case_number="2012-30012").to_dict()["case_number"]
        '2012-30012'
    """
    number: int
    title: str
    line: int
    toc_title: typing.Optional[str] = None
    page: typing.Optional[int] = None
    case_number: typing.Optional[str] = None
    closed: bool = False
    absent: typing.List[str] = dataclasses.field(default_factory=list)
    sections: typing.List[Section] = dataclasses.field(default_factory=list)
    subitems: typing.List[Subitem] = dataclasses.field(default_factory=list)

    @property
    def case(self) -> typing.Optional[str]:
        """Old name of ``case_number`` (0.1), kept as an alias."""
        return self.case_number

    @property
    def decisions(self) -> typing.List[Section]:
        """The item's decision sections (not those of its sub-items)."""
        return [s for s in self.sections if s.kind == "decision"]

    def __repr__(self) -> str:
        return (f"<Item {self.number} {self.title!r} case {self.case_number}, "
                f"{len(self.sections)} sections>")

    def to_dict(self) -> dict:
        """The item as ``referat json`` prints it."""
        d = {"number": self.number, "title": self.title, "toc_title": self.toc_title,
             "page": self.page, "case_number": self.case_number, "closed": self.closed,
             "absent": list(self.absent), "line": self.line,
             "sections": [s.to_dict() for s in self.sections]}
        if self.subitems:
            d["subitems"] = [s.to_dict() for s in self.subitems]
        return d


@dataclasses.dataclass(repr=False)
class Meeting:
    """One meeting: header, meta lines, participants, TOC and items.

        >>> m = Meeting("referat", "Direktionen", datetime.date(2023, 8, 21), 1)
        >>> m.to_dict()["date"]
        '2023-08-21'
    """
    kind: str
    body: str
    date: typing.Optional[datetime.date]
    line: int
    weekday: typing.Optional[str] = None
    time: typing.Optional[str] = None
    location: typing.Optional[str] = None
    participants: typing.List[Participant] = dataclasses.field(default_factory=list)
    toc: typing.List[TocEntry] = dataclasses.field(default_factory=list)
    items: typing.List[Item] = dataclasses.field(default_factory=list)
    end_time: typing.Optional[str] = None
    layout: typing.Optional[str] = None

    def __repr__(self) -> str:
        return f"<Meeting {self.kind} {self.body} {_iso(self.date)}, {len(self.items)} items>"

    def to_dict(self) -> dict:
        """The meeting as ``referat json`` prints it."""
        return {"kind": self.kind, "body": self.body, "date": _iso(self.date),
                "weekday": self.weekday, "time": self.time, "location": self.location,
                "end_time": self.end_time, "layout": self.layout, "line": self.line,
                "participants": [p.to_dict() for p in self.participants],
                "toc": [t.to_dict() for t in self.toc],
                "items": [i.to_dict() for i in self.items]}


@dataclasses.dataclass
class Diagnostic:
    """Recoverable damage found while parsing (severity "warning").

        >>> Diagnostic("date-mismatch", "warning", 3, "...").code
        'date-mismatch'
    """
    code: str
    severity: str
    line: int
    message: str

    def to_dict(self) -> dict:
        """The diagnostic as ``referat json`` prints it."""
        return {"code": self.code, "severity": self.severity, "line": self.line,
                "message": self.message}


@dataclasses.dataclass(repr=False)
class Document:
    """The result of ``referat.parse``: meetings and diagnostics; ``source``
    is the file name it was read from (None for content).

        >>> doc = referat.fromstring("REFERAT Direktionen d. 21-08-2023\\n")
        >>> doc.meetings[0].body
        'Direktionen'
    """
    meetings: typing.List[Meeting] = dataclasses.field(default_factory=list)
    diagnostics: typing.List[Diagnostic] = dataclasses.field(default_factory=list)
    source: typing.Optional[str] = None

    def __repr__(self) -> str:
        items = sum(len(m.items) for m in self.meetings)
        return (f"<Document {len(self.meetings)} meetings, {items} items, "
                f"{len(self.diagnostics)} diagnostics>")

    def to_dict(self) -> dict:
        """The document as ``referat json`` prints it (plain dicts and lists):
        with its ``source`` first when it was read from a file."""
        d: dict = {"source": self.source} if self.source is not None else {}
        d["meetings"] = [m.to_dict() for m in self.meetings]
        d["diagnostics"] = [x.to_dict() for x in self.diagnostics]
        return d

    def to_json(self, **kwargs: typing.Any) -> str:
        """``to_dict()`` as JSON text; by default laid out like ``referat json``
        (which prints it followed by a newline)."""
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def frames(self) -> "typing.Dict[str, typing.Any]":
        """pandas DataFrames for notebooks: ``meetings``, ``items``,
        ``decisions``, ``votes``, ``participation``, ``attendance``,
        ``attachments``, ``table_rows`` (see ``referat.frames``)."""
        from ._frames import frames
        return frames([self])
