"""libreferat for Python: Danish municipal meeting minutes as data.

    >>> import referat
    >>> doc = referat.parse_file("referat.txt")
    >>> for item in doc.meetings[0].items:
    ...     print(item.number, item.title, [s.date for s in item.decisions])
    >>> frames = doc.frames()            # pandas DataFrames, for notebooks
    >>> frames["decisions"].head()

``events()`` streams parse events (nothing but one chunk in memory);
``parse()`` / ``parse_file()`` build a ``Document``; ``Document.to_dict()``
equals what ``referat json`` prints, key for key. Errors raise
``ReferatError`` (a ``ValueError``) with ``code``, ``offset``, ``line`` and
``column``. The format is described in docs/FORMAT.md.
"""
import os

from . import core as _core
from ._model import (Attachment, Cell, Diagnostic, Document, Heading, Item, List, ListItem,
                     Meeting, Paragraph, Participant, Row, Section, Table, TocEntry)
from ._fold import fold

__all__ = ["events", "parse", "parse_file", "frames", "ReferatError", "Event", "Document",
           "Meeting", "Participant", "TocEntry", "Item", "Section", "Paragraph", "Heading",
           "List", "ListItem", "Table", "Row", "Cell", "Attachment", "Diagnostic",
           "__version__"]

__version__ = "@PROJECT_VERSION@"

#: The record type of events (a named tuple made in C): ``ev.type``,
#: ``ev.line``, ``ev.text``, ... ; see ``help(referat.Event)``.
Event = _core.Event


class ReferatError(ValueError):
    """The parse stopped: invalid UTF-8 in strict mode, a block over the limit,
    out of memory. ``code`` names it ("invalid-utf8", ...); ``offset`` is the
    0-based byte offset, ``line`` and ``column`` are 1-based."""

    def __init__(self, code, message, offset, line, column):
        super().__init__(f"{message} (line {line}, column {column}, byte offset {offset})")
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column


def _batches(parser, result):
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
            raise ReferatError(*error)
        if not parser.pending():
            return
        result = parser.drain()


def _chunks(source, chunk_size):
    """Byte chunks of a path, str, bytes-like object or binary file object."""
    if isinstance(source, os.PathLike):
        with open(source, "rb") as f:
            yield from _chunks(f, chunk_size)
        return
    if isinstance(source, str):
        source = source.encode("utf-8")
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source).cast("B")
        for i in range(0, len(view), chunk_size):
            yield view[i:i + chunk_size]
        return
    read = getattr(source, "read", None)
    if read is None:
        raise TypeError("source must be a path, str, bytes or a binary file object, not "
                        f"{type(source).__name__}")
    while True:
        chunk = read(chunk_size)
        if not chunk:
            return
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        yield chunk


def _options(chunk_size, max_block_size):
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise TypeError("chunk_size must be a positive int")
    if max_block_size is not None and (not isinstance(max_block_size, int) or max_block_size < 1):
        raise TypeError("max_block_size must be a positive int or None")


def events(source, *, chunk_size=65536, strict=False, max_block_size=None):
    """Yield the parse events of ``source`` one by one.

    ``source`` is an ``os.PathLike`` path, a ``str`` (the document's text),
    ``bytes``/``bytearray``/``memoryview``, or a binary file object (read
    ``chunk_size`` bytes at a time, so a large file never sits in memory).
    With ``strict=True`` invalid UTF-8 raises ``ReferatError`` instead of
    being read as Windows-1252. Each event is an ``Event`` record with the
    fields ``type, start, end, line, end_line`` and the ones its type uses
    (see docs/FORMAT.md); the others are ``None``.
    """
    _options(chunk_size, max_block_size)
    parser = _core.Parser(bool(strict), max_block_size or 0)
    try:
        for chunk in _chunks(source, chunk_size):
            yield from _batches(parser, parser.feed(chunk))
        yield from _batches(parser, parser.finish())
    finally:
        parser.close()


def parse(data, *, strict=False, max_block_size=None, chunk_size=1 << 20):
    """Parse ``data`` (str, bytes-like, path or binary file) into a ``Document``."""
    return fold(events(data, strict=strict, max_block_size=max_block_size,
                       chunk_size=chunk_size))


def parse_file(path, *, strict=False, max_block_size=None, chunk_size=1 << 20):
    """Parse the file at ``path`` into a ``Document`` (read in chunks)."""
    with open(os.fspath(path), "rb") as f:
        return parse(f, strict=strict, max_block_size=max_block_size, chunk_size=chunk_size)


def frames(doc):
    """The notebook tables of ``doc`` as pandas DataFrames (see ``Document.frames``)."""
    return doc.frames()


def version():
    """The version of the C library the module was built with."""
    return _core.version()
