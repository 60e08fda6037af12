"""pandas DataFrames of a Document (imported only when asked for)."""


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("Document.frames() needs pandas: install python3-pandas "
                          "(Debian) or the pandas package") from e
    return pandas


def frames(doc):
    """Returns a dict of DataFrames:

    - ``meetings``: kind, body, date, weekday, time, location, items
    - ``items``: meeting_date, body, number, title, case, closed, page, decisions
    - ``decisions``: meeting_date, item, title, body, date, text
    - ``attendance``: meeting_date, body, item (None for the meeting), name,
      absent, note; one row per participant and per item-level Afbud
    - ``attachments``: meeting_date, item, name
    - ``table_rows``: meeting_date, item, table, row, header, cells (list of
      texts), values (list of numbers or None)
    """
    pd = _pandas()
    rows = {k: [] for k in ("meetings", "items", "decisions", "attendance", "attachments",
                            "table_rows")}
    for m in doc.meetings:
        rows["meetings"].append(dict(kind=m.kind, body=m.body, date=m.date, weekday=m.weekday,
                                     time=m.time, location=m.location, items=len(m.items)))
        for p in m.participants:
            rows["attendance"].append(dict(meeting_date=m.date, body=m.body, item=None,
                                           name=p.name, absent=p.absent, note=p.note))
        for it in m.items:
            _item_rows(rows, m, it)
    columns = {
        "meetings": ["kind", "body", "date", "weekday", "time", "location", "items"],
        "items": ["meeting_date", "body", "number", "title", "case", "closed", "page",
                  "decisions"],
        "decisions": ["meeting_date", "item", "title", "body", "date", "text"],
        "attendance": ["meeting_date", "body", "item", "name", "absent", "note"],
        "attachments": ["meeting_date", "item", "name"],
        "table_rows": ["meeting_date", "item", "table", "row", "header", "cells", "values"],
    }
    bools = {"items": ["closed"], "attendance": ["absent"], "table_rows": ["header"]}
    out = {}
    for k in columns:
        df = pd.DataFrame(rows[k], columns=columns[k])
        # empty frames would otherwise get object columns, where ~ misbehaves
        out[k] = df.astype({c: bool for c in bools.get(k, [])})
    return out


def _item_rows(rows, m, it):
    rows["items"].append(dict(meeting_date=m.date, body=m.body, number=it.number,
                              title=it.title, case=it.case, closed=it.closed, page=it.page,
                              decisions=len(it.decisions)))
    for name in it.absent:
        rows["attendance"].append(dict(meeting_date=m.date, body=m.body, item=it.number,
                                       name=name, absent=True, note="Afbud"))
    table = 0
    for s in it.sections:
        if s.kind == "decision":
            rows["decisions"].append(dict(meeting_date=m.date, item=it.number, title=it.title,
                                          body=s.body, date=s.date, text=s.text))
        for b in s.blocks:
            if b.type == "attachment":
                rows["attachments"].append(dict(meeting_date=m.date, item=it.number,
                                                name=b.name))
            elif b.type == "table":
                table += 1
                for r, row in enumerate(b.rows, 1):
                    rows["table_rows"].append(dict(
                        meeting_date=m.date, item=it.number, table=table, row=r,
                        header=row.header, cells=[c.text for c in row.cells],
                        values=[c.value for c in row.cells]))
