"""libreferat for Python: Danish municipal meeting minutes as data.

    >>> import referat
    >>> doc = referat.parse("referat.txt")          # a file name, path or file object
    >>> for item in doc.meetings[0].items:
    ...     print(item.number, item.title, [s.outcome for s in item.decisions])
    >>> doc = referat.fromstring(text)               # content (str or bytes)
    >>> frames = referat.read_frames(["a.txt", "b.txt"])   # pandas DataFrames
    >>> frames["decisions"].head()

Like ElementTree: ``parse(source)`` and ``iterparse(source)`` read a file
(a file name as ``str``, an ``os.PathLike`` path, or a binary or text file
object); ``fromstring(text)`` parses content. ``iterparse`` streams parse
events (named tuples; nothing but one chunk in memory); ``parse`` builds a
``Document``; ``Document.to_dict()`` / ``to_json()`` equal what
``referat json`` prints. Errors: a parse that stops raises ``ReferatError``
(a ``ValueError``) with ``code``, ``offset``, ``line``, ``column`` and
``file``; a file that cannot be read raises ``OSError``; a bad argument
``TypeError`` (wrong type) or ``ValueError`` (out of range). The format is
described in docs/FORMAT.md.
"""
import os as _os
import typing as _typing
from itertools import chain as _ichain

from . import core as _core
from ._model import (Attachment, Cell, Diagnostic, Document, Heading, Item, List, ListItem,
                     Meeting, Paragraph, Participant, Participation, Point, Row, Section,
                     Subitem, Table, TocEntry, Votes)
from ._load import load as _load

__all__ = ["parse", "iterparse", "fromstring", "parse_file", "events", "frames", "read_frames",
           "version", "ReferatError", "Event", "Document", "Meeting", "Participant",
           "TocEntry", "Item", "Subitem", "Section", "Paragraph", "Heading", "List",
           "ListItem", "Table", "Row", "Cell", "Attachment", "Point", "Votes",
           "Participation", "Diagnostic", "__version__"]

__version__ = "@PROJECT_VERSION@"

Source = _typing.Union[str, "_os.PathLike[str]", _typing.IO[bytes], _typing.IO[str]]
Content = _typing.Union[str, bytes, bytearray, memoryview]

#: The record type of events, a named tuple made in C: ``ev.type``,
#: ``ev.line``, ``ev.text``, ``ev._fields``, ``ev._asdict()``; a field the
#: event's type does not set is None. See ``help(referat.Event)``.
Event = _core.Event
Event._fields = _core.EVENT_FIELDS


def _asdict(self: _typing.Any) -> _typing.Dict[str, _typing.Any]:
    """The event as a dict of its fields (as namedtuple._asdict)."""
    return dict(zip(self._fields, self))


Event._asdict = _asdict


class ReferatError(ValueError):
    """The parse stopped: invalid UTF-8 in strict mode, a block over the limit,
    out of memory. ``code`` names it ("invalid-utf8", "too-large", ...);
    ``offset`` is the 0-based byte offset, ``line`` and ``column`` are
    1-based; ``file`` is the file name (None for content).

        >>> try:
        ...     referat.fromstring(b"\\xff", strict=True)
        ... except referat.ReferatError as e:
        ...     print(e.code, e.line)
        invalid-utf8 1
    """

    def __init__(self, code: str, message: str, offset: int, line: int, column: int,
                 file: _typing.Optional[str] = None) -> None:
        where = f"{file}: " if file is not None else ""
        super().__init__(f"{where}{message} (line {line}, column {column}, "
                         f"byte offset {offset})")
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.file = file

    def __reduce__(self) -> tuple:
        return (type(self), (self.code, self.message, self.offset, self.line, self.column,
                             self.file))


def _batches(parser: _typing.Any, result: tuple, file: _typing.Optional[str]
             ) -> _typing.Iterator[_typing.Any]:
    """The events of ``result`` (what feed() or finish() returned) and of the
    batches drain() returns after it, until the parser needs input or ends.
    The C side hands out a bounded batch per call, so memory stays bounded
    and Ctrl-C is seen between batches even when one chunk is huge."""
    while True:
        evs, error = result
        del result  # not to hold on to this batch while drain() builds the next
        yield from evs
        del evs
        if error is not None:
            raise ReferatError(*error, file=file)
        if not parser.pending():
            return
        result = parser.drain()


def _file_name(source: _typing.Any) -> _typing.Optional[str]:
    """The file name of a source, for errors and the frames' source column."""
    if isinstance(source, (str, _os.PathLike)):
        return _os.fsdecode(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _file_chunks(source: _typing.Any, chunk_size: int) -> _typing.Iterator[bytes]:
    """Byte chunks of a file name, path or binary/text file object; checks
    the type at once (the file is opened when the first chunk is asked for)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError("source is a file name, path or file object; for content (bytes) "
                        "use referat.fromstring()")
    if not isinstance(source, (str, _os.PathLike)) and getattr(source, "read", None) is None:
        raise TypeError("source must be a file name (str), an os.PathLike path or a file "
                        f"object, not {type(source).__name__}")
    return _open_chunks(source, chunk_size)


def _open_chunks(source: _typing.Any, chunk_size: int) -> _typing.Iterator[bytes]:
    if isinstance(source, (str, _os.PathLike)):
        with open(source, "rb") as f:
            yield from _read_chunks(f, chunk_size)
    else:
        yield from _read_chunks(source, chunk_size)


def _read_chunks(f: _typing.Any, chunk_size: int) -> _typing.Iterator[bytes]:
    while True:
        chunk = f.read(chunk_size)
        if not chunk:
            return
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        yield chunk


def _content_chunks(data: _typing.Any, chunk_size: int) -> _typing.Iterator[memoryview]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"content must be str or bytes-like, not {type(data).__name__}")
    view = memoryview(data).cast("B")
    for i in range(0, len(view), chunk_size):
        yield view[i:i + chunk_size]


def _check_options(chunk_size: _typing.Any, max_block_size: _typing.Any) -> None:
    for name, v, optional in (("chunk_size", chunk_size, False),
                              ("max_block_size", max_block_size, True)):
        if v is None and optional:
            continue
        if not isinstance(v, int) or isinstance(v, bool):
            raise TypeError(f"{name} must be an int, not {type(v).__name__}")
        if v < 1:
            raise ValueError(f"{name} must be positive, not {v}")


def _events(chunks: _typing.Iterable[_typing.Any], file: _typing.Optional[str], strict: bool,
            max_block_size: _typing.Optional[int]) -> _typing.Iterator[_typing.Any]:
    parser = _core.Parser(bool(strict), max_block_size or 0)
    try:
        for chunk in chunks:
            yield from _batches(parser, parser.feed(chunk), file)
        yield from _batches(parser, parser.finish(), file)
    finally:
        parser.close()


def _trees(chunks: _typing.Iterable[_typing.Any], file: _typing.Optional[str], strict: bool,
           max_block_size: _typing.Optional[int]) -> _typing.Iterator[_typing.Tuple[str, bytes]]:
    """The document model's trees (type, JSON) of a parse, folded in C."""
    folder = _core.Folder(bool(strict), max_block_size or 0)
    try:
        for chunk in _ichain(chunks, (None,)):
            trees, error = folder.feed(chunk) if chunk is not None else folder.finish()
            yield from trees
            if error is not None:
                raise ReferatError(*error, file=file)
    finally:
        folder.close()


def iterparse(source: Source, *, chunk_size: int = 65536, strict: bool = False,
              max_block_size: _typing.Optional[int] = None) -> _typing.Iterator[_typing.Any]:
    """Yield the parse events of a file one by one.

    ``source`` is a file name (``str``), an ``os.PathLike`` path or a binary
    or text file object, read ``chunk_size`` bytes at a time, so a large file
    never sits in memory (for content, wrap it: ``io.BytesIO(data)``). With
    ``strict=True`` invalid UTF-8 raises ``ReferatError`` instead of being
    read as Windows-1252. Each event is an ``Event`` named tuple with the
    fields ``type, start, end, line, end_line`` and the ones its type uses
    (see docs/FORMAT.md); the others are ``None``.

        >>> for ev in referat.iterparse("referat.txt"):
        ...     if ev.type == "item_start":
        ...         print(ev.number, ev.title, ev.case_number)
        >>> pandas.DataFrame(list(referat.iterparse("referat.txt")))
    """
    _check_options(chunk_size, max_block_size)
    file = _file_name(source)
    return _events(_file_chunks(source, chunk_size), file, strict, max_block_size)


def parse(source: Source, *, strict: bool = False, max_block_size: _typing.Optional[int] = None,
          chunk_size: int = 1 << 20) -> Document:
    """Parse a file into a ``Document``: ``source`` is a file name (``str``),
    an ``os.PathLike`` path or a binary or text file object (read in chunks).
    For content use ``fromstring``.

        >>> doc = referat.parse("referat.txt")
        >>> doc.meetings[0].items[0].title
        'Godkendelse af dagsorden'
    """
    _check_options(chunk_size, max_block_size)
    file = _file_name(source)
    return _load(_trees(_file_chunks(source, chunk_size), file, strict, max_block_size), file)


def fromstring(text: Content, *, strict: bool = False,
               max_block_size: _typing.Optional[int] = None) -> Document:
    """Parse content (``str``, or UTF-8 ``bytes``/``bytearray``/``memoryview``)
    into a ``Document``.

        >>> referat.fromstring("REFERAT Direktionen d. 21-08-2023\\n").meetings[0].body
        'Direktionen'
    """
    _check_options(1, max_block_size)
    return _load(_trees(_content_chunks(text, 1 << 20), None, strict, max_block_size))


def parse_file(path: Source, *, strict: bool = False,
               max_block_size: _typing.Optional[int] = None,
               chunk_size: int = 1 << 20) -> Document:
    """Alias of ``parse`` (the 0.1 name), kept for existing code.

        >>> doc = referat.parse_file("referat.txt")
    """
    return parse(path, strict=strict, max_block_size=max_block_size, chunk_size=chunk_size)


def events(source: Source, *, chunk_size: int = 65536, strict: bool = False,
           max_block_size: _typing.Optional[int] = None) -> _typing.Iterator[_typing.Any]:
    """Alias of ``iterparse`` (the 0.1 name): like it, a ``str`` is a file
    name (in 0.1 it was content: use ``iterparse(io.StringIO(text))``).

        >>> [ev.type for ev in referat.events("referat.txt")][:2]
        ['meeting_start', 'meta']
    """
    return iterparse(source, chunk_size=chunk_size, strict=strict,
                     max_block_size=max_block_size)


def frames(documents: _typing.Union[Document, _typing.Iterable[Document]]
           ) -> _typing.Dict[str, _typing.Any]:
    """The notebook tables of one or many documents as pandas DataFrames,
    each with a ``source`` column (the file a row comes from):
    ``meetings``, ``items``, ``decisions``, ``votes``, ``participation``,
    ``attendance``, ``attachments``, ``table_rows``.

        >>> f = referat.frames([referat.parse(p) for p in paths])
        >>> f["decisions"].groupby("outcome").size()
    """
    from ._frames import frames as _frames
    if isinstance(documents, Document):
        documents = [documents]
    return _frames(documents)


def read_frames(paths: _typing.Iterable[_typing.Union[str, "_os.PathLike[str]"]], *,
                strict: bool = False) -> _typing.Dict[str, _typing.Any]:
    """Parse every file of ``paths`` and return their ``frames`` together
    (one document in memory at a time).

        >>> f = referat.read_frames(sorted(pathlib.Path("minutes").glob("*.txt")))
        >>> f["attendance"].groupby("name").absent.sum()
    """
    from ._frames import frames as _frames
    if isinstance(paths, (str, bytes, _os.PathLike)):
        raise TypeError("paths must be an iterable of file names or paths, not one")
    return _frames(parse(p, strict=strict) for p in paths)


def version() -> str:
    """The version of the C library the module was built with.

        >>> referat.version()
        '0.2.0'
    """
    return _core.version()


def __dir__() -> _typing.List[str]:
    """The public API only (``dir(referat)``), not the modules it is made of."""
    return sorted(__all__)
