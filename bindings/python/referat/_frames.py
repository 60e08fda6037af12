"""pandas DataFrames of Documents (imported only when asked for)."""
import typing

COLUMNS = {
    "meetings": ["source", "kind", "body", "date", "weekday", "time", "end_time", "location",
                 "layout", "items"],
    "items": ["source", "meeting_date", "body", "number", "title", "case_number", "closed",
              "page", "decisions", "subitems"],
    "decisions": ["source", "meeting_date", "item", "subitem", "title", "body", "date",
                  "history", "outcome", "outcome_phrase", "outcome_reason", "votes_for",
                  "votes_against", "votes_abstain", "votes_total", "unanimous", "text"],
    "votes": ["source", "meeting_date", "item", "subitem", "title", "body", "date",
              "votes_for", "votes_against", "votes_abstain", "votes_total", "unanimous",
              "for_names", "against_names", "abstain_names"],
    "participation": ["source", "meeting_date", "item", "subitem", "title", "date", "name",
                      "kind", "phrase"],
    "attendance": ["source", "meeting_date", "body", "item", "name", "party", "role", "absent",
                   "note"],
    "attachments": ["source", "meeting_date", "item", "name"],
    "table_rows": ["source", "meeting_date", "item", "table", "row", "header", "cells",
                   "values"],
}
DATES = {"meeting_date", "date"}
INTS = {"items", "number", "page", "decisions", "subitems", "item", "votes_for",
        "votes_against", "votes_abstain", "votes_total", "table", "row"}
BOOLS = {"closed", "history", "unanimous", "absent", "header"}


def _pandas() -> typing.Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("frames need pandas: install python3-pandas "
                          "(Debian) or the pandas package") from e
    return pandas


def frames(docs: typing.Iterable[typing.Any]) -> typing.Dict[str, typing.Any]:
    """Returns a dict of DataFrames, each with the file as ``source``; dates
    are datetime64, counts Int64, flags "boolean" (all nullable):

    - ``meetings``: kind, body, date, weekday, time, end_time, location, layout, items
    - ``items``: meeting_date, body, number, title, case_number, closed, page,
      decisions, subitems
    - ``decisions``: meeting_date, item, subitem (label or None), title, body,
      date, history, outcome, outcome_phrase, outcome_reason, votes_*,
      unanimous, text
    - ``votes``: one row per decision with votes: the counts (None: not
      stated), unanimous, for/against/abstain names
    - ``participation``: one row per person named in a decision: name, kind
      ("recusal", "dissent", ...), phrase
    - ``attendance``: meeting_date, body, item (None for the meeting), name,
      party, role, absent, note; one row per participant and per item-level
      Afbud of someone not already absent from the whole meeting
    - ``attachments``: meeting_date, item, name
    - ``table_rows``: meeting_date, item, table, row, header, cells (list of
      texts), values (list of numbers or None)
    """
    pd = _pandas()
    rows: typing.Dict[str, list] = {k: [] for k in COLUMNS}
    for doc in docs:
        src = doc.source
        for m in doc.meetings:
            rows["meetings"].append(dict(
                source=src, kind=m.kind, body=m.body, date=m.date, weekday=m.weekday,
                time=m.time, end_time=m.end_time, location=m.location, layout=m.layout,
                items=len(m.items)))
            absent = set()
            for p in m.participants:
                rows["attendance"].append(dict(
                    source=src, meeting_date=m.date, body=m.body, item=None, name=p.name,
                    party=p.party, role=p.role, absent=p.absent, note=p.note))
                if p.absent:
                    absent.add(p.name)
            for it in m.items:
                _item_rows(rows, src, m, it, absent)
    return {k: _frame(pd, rows[k], COLUMNS[k]) for k in COLUMNS}


def _frame(pd: typing.Any, rows: list, columns: typing.List[str]) -> typing.Any:
    df = pd.DataFrame(rows, columns=columns)
    for c in columns:
        if c in DATES:
            df[c] = pd.to_datetime(df[c])
        elif c in INTS:
            df[c] = df[c].astype("Int64")
        elif c in BOOLS:
            df[c] = df[c].astype("boolean")
    return df


def _item_rows(rows: dict, src: typing.Any, m: typing.Any, it: typing.Any,
               absent: set) -> None:
    rows["items"].append(dict(
        source=src, meeting_date=m.date, body=m.body, number=it.number, title=it.title,
        case_number=it.case_number, closed=it.closed, page=it.page,
        decisions=len(it.decisions) + sum(len(s.decisions) for s in it.subitems),
        subitems=len(it.subitems)))
    for name in it.absent:
        if name not in absent:
            rows["attendance"].append(dict(
                source=src, meeting_date=m.date, body=m.body, item=it.number, name=name,
                party=None, role=None, absent=True, note="Afbud"))
    table = 0
    parts = [(None, it.title, it.sections)] + [(s.label, s.title, s.sections)
                                               for s in it.subitems]
    for label, title, sections in parts:
        for s in sections:
            if s.kind == "decision":
                _decision_rows(rows, src, m, it, label, title, s)
            for b in s.blocks:
                if b.type == "attachment":
                    rows["attachments"].append(dict(source=src, meeting_date=m.date,
                                                    item=it.number, name=b.name))
                elif b.type == "table":
                    table += 1
                    for r, row in enumerate(b.rows, 1):
                        rows["table_rows"].append(dict(
                            source=src, meeting_date=m.date, item=it.number, table=table,
                            row=r, header=row.header, cells=[c.text for c in row.cells],
                            values=[c.value for c in row.cells]))


def _decision_rows(rows: dict, src: typing.Any, m: typing.Any, it: typing.Any,
                   label: typing.Optional[str], title: str, s: typing.Any) -> None:
    v = s.votes
    counts = dict(votes_for=v.votes_for, votes_against=v.votes_against,
                  votes_abstain=v.votes_abstain, votes_total=v.votes_total,
                  unanimous=v.unanimous) if v else {}
    head = dict(source=src, meeting_date=m.date, item=it.number, subitem=label, title=title)
    rows["decisions"].append(dict(
        head, body=s.body, date=s.date, history=s.history, outcome=s.outcome,
        outcome_phrase=s.outcome_phrase, outcome_reason=s.outcome_reason, text=s.text,
        **counts))
    if v:
        rows["votes"].append(dict(head, body=s.body, date=s.date, for_names=v.for_names,
                                  against_names=v.against_names,
                                  abstain_names=v.abstain_names, **counts))
    for p in s.participation:
        rows["participation"].append(dict(head, date=s.date, name=p.name, kind=p.kind,
                                          phrase=p.phrase))


def table_frame(table: typing.Any) -> typing.Any:
    """Table.to_frame(): see there."""
    pd = _pandas()
    rows = list(table.rows)
    header = None
    if rows and rows[0].header:
        header = [c.text for c in rows.pop(0).cells]
    rows = [r for r in rows if not r.header]
    width = max([len(r.cells) for r in rows] + [len(header or [])])
    names: typing.List[str] = []
    for i in range(width):
        name = header[i] if header and i < len(header) and header[i] else f"column{i + 1}"
        while name in names:
            name += "_"
        names.append(name)
    data = {}
    for i, name in enumerate(names):
        cells = [r.cells[i] if i < len(r.cells) else None for r in rows]
        filled = [c for c in cells if c is not None and c.text != ""]
        if filled and all(c.value is not None for c in filled):
            values = [c.value if c is not None and c.text != "" else None for c in cells]
            whole = all(isinstance(x, int) for x in values if x is not None)
            data[name] = pd.array(values, dtype="Int64" if whole else "Float64")
        else:
            data[name] = [c.text if c is not None else None for c in cells]
    return pd.DataFrame(data, columns=names)
