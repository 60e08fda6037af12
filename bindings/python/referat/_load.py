"""A Document from the document model's trees (the C library folds the
events; see Folder in referat.i): each tree comes as the JSON that
``referat json`` prints for it, read here into the model's classes."""
import datetime
import json
import typing

from ._model import (Attachment, Cell, Diagnostic, Document, Heading, Item, List, ListItem,
                     Meeting, Paragraph, Participant, Participation, Point, Row, Section,
                     Subitem, Table, TocEntry, Votes)

Json = typing.Dict[str, typing.Any]


def _date(iso: typing.Optional[str]) -> typing.Optional[datetime.date]:
    return datetime.date.fromisoformat(iso) if iso else None


def _block(b: Json) -> typing.Any:
    t = b["type"]
    if t == "paragraph":
        return Paragraph(b["text"], b["line"])
    if t == "heading":
        return Heading(b["text"], b["line"])
    if t == "attachment":
        return Attachment(b["name"], b["line"])
    if t == "list":
        return List(b["line"], [ListItem(i["label"], i["level"], i["text"]) for i in b["items"]])
    return Table(b["line"], [Row([Cell(c["text"], c.get("value")) for c in r["cells"]],
                                 r["header"]) for r in b["rows"]])


def _votes(v: typing.Optional[Json]) -> typing.Optional[Votes]:
    if v is None:
        return None
    return Votes(v["for"], v["against"], v["abstain"], v["total"], v["unanimous"],
                 v["for_names"], v["against_names"], v["abstain_names"])


def _section(s: Json) -> Section:
    return Section(s["kind"], s["heading"], s["line"], s.get("body"), _date(s.get("date")),
                   [_block(b) for b in s["blocks"]], s.get("history", False),
                   s.get("outcome"), s.get("outcome_phrase"), s.get("outcome_reason"),
                   [Point(p["point"], p["outcome"], p["phrase"]) for p in s.get("points", ())],
                   _votes(s.get("votes")),
                   [Participation(p["name"], p["kind"], p["phrase"])
                    for p in s.get("participation", ())])


def _item(i: Json) -> Item:
    return Item(i["number"], i["title"], i["line"], i["toc_title"], i["page"], i["case_number"],
                i["closed"], list(i["absent"]), [_section(s) for s in i["sections"]],
                [Subitem(u["label"], u["title"], u["line"], [_section(s) for s in u["sections"]])
                 for u in i.get("subitems", ())])


def _meeting(m: Json) -> Meeting:
    return Meeting(m["kind"], m["body"], _date(m["date"]), m["line"], m["weekday"], m["time"],
                   m["location"],
                   [Participant(p["name"], p.get("note"), p["absent"], p.get("party"),
                                p.get("role")) for p in m["participants"]],
                   [TocEntry(t["title"], t["page"]) for t in m["toc"]],
                   [_item(i) for i in m["items"]], m["end_time"], m["layout"])


def load(trees: typing.Iterable[typing.Tuple[str, bytes]],
         source: typing.Optional[str] = None) -> Document:
    """Builds a Document from (type, json) trees in document order."""
    doc = Document(source=source)
    meeting = None
    for kind, text in trees:
        if kind == "meeting_start":
            meeting = _meeting(json.loads(text))
            doc.meetings.append(meeting)
        elif kind == "item_start" and meeting is not None:
            meeting.items.append(_item(json.loads(text)))
        elif kind == "diagnostic":
            d = json.loads(text)
            doc.diagnostics.append(Diagnostic(d["code"], d["severity"], d["line"], d["message"]))
        elif kind == "meeting_end":
            meeting = None
    return doc
