"""Type stub of the compiled module referat.core (SWIG, referat.i)."""
from typing import Any, List, Optional, Tuple

EVENT_FIELDS: Tuple[str, ...]

class Event(Tuple[Any, ...]):
    """One parse event, a named tuple; fields the event type does not set are None."""
    _fields: Tuple[str, ...]
    def _asdict(self) -> dict: ...
    n_fields: int
    n_sequence_fields: int
    n_unnamed_fields: int
    type: str
    start: int
    end: int
    line: int
    end_line: int
    kind: Optional[str]
    text: Optional[str]
    name: Optional[str]
    note: Optional[str]
    title: Optional[str]
    toc_title: Optional[str]
    case_number: Optional[str]
    heading: Optional[str]
    body: Optional[str]
    date: Optional[str]
    weekday: Optional[str]
    time: Optional[str]
    label: Optional[str]
    severity: Optional[str]
    number: Optional[int]
    page: Optional[int]
    closed: Optional[bool]
    absent: Optional[bool]
    header: Optional[bool]
    cells: Optional[Tuple[Tuple[str, Optional[float]], ...]]
    party: Optional[str]
    role: Optional[str]
    end_time: Optional[str]
    location: Optional[str]
    layout: Optional[str]
    meta: Optional[str]
    history: Optional[bool]
    outcome: Optional[str]
    reason: Optional[str]
    point: Optional[int]
    votes_for: Optional[int]
    votes_against: Optional[int]
    votes_abstain: Optional[int]
    votes_total: Optional[int]
    unanimous: Optional[bool]
    for_names: Optional[str]
    against_names: Optional[str]
    abstain_names: Optional[str]
    participation: Optional[str]
    meeting_kind: Optional[str]
    value: Optional[str]
    code: Optional[str]
    message: Optional[str]
    level: Optional[int]
    columns: Optional[int]

# (events, error); error is None or (code, message, offset, line, column)
Batch = Tuple[List[Event], Optional[Tuple[str, str, int, int, int]]]

class Parser:
    def __init__(self, strict: int = ..., max_block_size: int = ...,
                 batch_size: int = ...) -> None: ...
    def feed(self, data: Any) -> Batch: ...
    def finish(self) -> Batch: ...
    def drain(self) -> Batch: ...
    def pending(self) -> bool: ...
    def close(self) -> None: ...
    def _hook(self, n: int, fn: Any = ...) -> None: ...

# (trees, error): each tree (type, compact JSON) as referat_node_write_json writes it
Trees = Tuple[List[Tuple[str, bytes]], Optional[Tuple[str, str, int, int, int]]]

class Folder:
    def __init__(self, strict: int = ..., max_block_size: int = ...) -> None: ...
    def feed(self, data: Any) -> Trees: ...
    def finish(self) -> Trees: ...
    def close(self) -> None: ...

def version() -> str: ...
