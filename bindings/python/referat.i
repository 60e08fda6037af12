/* SWIG interface: the private module referat._core.
 *
 * Python code imports `referat` (referat/__init__.py), not this module. The
 * wrapper hands events to Python in batches: one call parses a whole chunk
 * and returns a list of Event records (a C-level struct sequence, so there
 * is no proxy call per field), and the parser itself runs with the GIL
 * released.
 */
%module(package="referat") core

%{
#include <referat/referat.h>

/* The fields of an Event record, in order (see referat/__init__.py). */
static PyStructSequence_Field event_fields[] = {
    {"type", "event type: 'meeting_start', 'paragraph', ..."},
    {"start", "byte offset where the event's source starts"},
    {"end", "byte offset after its source (line end included)"},
    {"line", "first source line (1-based)"},
    {"end_line", "last source line"},
    {"kind", "meeting kind, section kind or diagnostic code"},
    {"text", "paragraph, heading or list item text; meta value; diagnostic message"},
    {"name", "meta name; participant, absence or attachment name"},
    {"note", "participant note"},
    {"title", "TOC entry or item title"},
    {"toc_title", "item: title of its TOC entry"},
    {"case", "item: case number"},
    {"heading", "section heading"},
    {"body", "meeting or decision body"},
    {"date", "ISO date (meeting, decision, Mødedato meta)"},
    {"weekday", "Mødedato meta: weekday"},
    {"time", "Mødedato meta: HH:MM"},
    {"label", "list item label"},
    {"severity", "diagnostic severity"},
    {"number", "item number, TOC page, list level or table columns"},
    {"page", "item: page of its TOC entry"},
    {"closed", "item: closed"},
    {"absent", "participant: absent"},
    {"header", "table row: header row"},
    {"cells", "table row: tuple of (text, value) pairs; value None when not a number"},
    {NULL, NULL}};

static PyStructSequence_Desc event_desc = {
    "referat.Event", "One parse event; which fields are set depends on its type.",
    event_fields, 25};

static PyTypeObject *event_type = NULL;
static PyObject *type_names[REFERAT_EV_DIAGNOSTIC + 1];

static PyObject *py_str(referat_string s)
{
    if (!s.data)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s.data, (Py_ssize_t)s.size, "strict");
}

static PyObject *py_cells(const referat_event *ev)
{
    PyObject *t = PyTuple_New((Py_ssize_t)ev->cell_count);
    if (!t)
        return NULL;
    for (size_t i = 0; i < ev->cell_count; i++) {
        const referat_cell *c = &ev->cells[i];
        PyObject *value;
        if (!c->has_value) {
            value = Py_None;
            Py_INCREF(value);
        } else if (c->value_is_integer && c->value > -9e15 && c->value < 9e15) {
            value = PyLong_FromDouble(c->value);
        } else {
            value = PyFloat_FromDouble(c->value);
        }
        PyObject *pair = Py_BuildValue("(NN)", py_str(c->text), value);
        if (!pair) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, pair);
    }
    return t;
}

static PyObject *py_event(const referat_event *ev)
{
    PyObject *r = PyStructSequence_New(event_type);
    if (!r)
        return NULL;
    unsigned t = (unsigned)ev->type <= REFERAT_EV_DIAGNOSTIC ? (unsigned)ev->type : 0;
    Py_INCREF(type_names[t]);
    PyObject *items[25] = {
        type_names[t],
        PyLong_FromUnsignedLongLong(ev->span.start_offset),
        PyLong_FromUnsignedLongLong(ev->span.end_offset),
        PyLong_FromUnsignedLongLong(ev->span.start_line),
        PyLong_FromUnsignedLongLong(ev->span.end_line),
        py_str(ev->kind), py_str(ev->text), py_str(ev->name), py_str(ev->note),
        py_str(ev->title), py_str(ev->toc_title), py_str(ev->case_number),
        py_str(ev->heading), py_str(ev->body), py_str(ev->date), py_str(ev->weekday),
        py_str(ev->time), py_str(ev->label), py_str(ev->severity),
        PyLong_FromLongLong(ev->number),
        ev->page >= 0 ? PyLong_FromLongLong(ev->page) : (Py_INCREF(Py_None), Py_None),
        PyBool_FromLong(ev->closed), PyBool_FromLong(ev->absent), PyBool_FromLong(ev->header),
        ev->type == REFERAT_EV_TABLE_ROW ? py_cells(ev) : (Py_INCREF(Py_None), Py_None)};
    int ok = 1;
    for (int i = 0; i < 25; i++) {
        if (!items[i])
            ok = 0;
        PyStructSequence_SET_ITEM(r, i, items[i] ? items[i] : (Py_INCREF(Py_None), Py_None));
    }
    if (!ok) {
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

static const char *error_code_name(referat_error_code c)
{
    switch (c) {
    case REFERAT_E_INVALID_UTF8: return "invalid-utf8";
    case REFERAT_E_NO_MEMORY: return "no-memory";
    case REFERAT_E_TOO_LARGE: return "too-large";
    case REFERAT_E_MISUSE: return "misuse";
    case REFERAT_E_IO: return "io";
    case REFERAT_E_ABORTED: return "aborted";
    default: return "none";
    }
}

typedef struct Parser {
    referat_parser *p;
} Parser;

/* Hands out every event until the parser needs input or ends: returns
 * (events, error) where error is None or (code, message, offset, line,
 * column). */
static PyObject *drain(Parser *self)
{
    PyObject *list = PyList_New(0);
    if (!list)
        return NULL;
    referat_status st;
    const referat_event *ev;
    for (;;) {
        Py_BEGIN_ALLOW_THREADS
        st = referat_parser_next(self->p, &ev);
        Py_END_ALLOW_THREADS
        if (st != REFERAT_OK)
            break;
        PyObject *e = py_event(ev);
        if (!e || PyList_Append(list, e) < 0) {
            Py_XDECREF(e);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(e);
    }
    if (st != REFERAT_ERROR)
        return Py_BuildValue("(NO)", list, Py_None);
    const referat_error *err = referat_parser_error(self->p);
    return Py_BuildValue("(N(ssKKK))", list, error_code_name(err->code), err->message,
                         (unsigned long long)err->offset, (unsigned long long)err->line,
                         (unsigned long long)err->column);
}

static PyObject *closed_error(void)
{
    PyErr_SetString(PyExc_ValueError, "the parser is closed");
    return NULL;
}
%}

%init %{
    event_type = PyStructSequence_NewType(&event_desc);
    for (int i = 0; i <= REFERAT_EV_DIAGNOSTIC; i++)
        type_names[i] = PyUnicode_InternFromString(
            referat_event_type_name((referat_event_type)i));
    if (event_type) {
        Py_INCREF(event_type);
        PyModule_AddObject(m, "Event", (PyObject *)event_type);
    }
%}

%feature("docstring") Parser "Push parser: feed(bytes) and finish() return (events, error).";

typedef struct Parser {} Parser;

%extend Parser {
    Parser(int strict = 0, size_t max_block_size = 0) {
        referat_options o;
        referat_options_init(&o);
        o.strict_utf8 = strict;
        if (max_block_size)
            o.max_block_size = max_block_size;
        Parser *self = PyMem_Malloc(sizeof *self);
        if (!self)
            return NULL;
        self->p = referat_parser_new(&o);
        if (!self->p) {
            PyMem_Free(self);
            return NULL;
        }
        return self;
    }
    ~Parser() {
        referat_parser_free(self->p);
        PyMem_Free(self);
    }
    %feature("docstring") feed "feed(data) -> (events, error): parse a chunk of bytes.";
    PyObject *feed(PyObject *data) {
        if (!self->p)
            return closed_error();
        Py_buffer view;
        if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
            return NULL;
        referat_parser_feed(self->p, view.buf, (size_t)view.len);
        PyObject *r = drain(self);
        /* drain() ran until the parser asked for input: the bytes are used up */
        PyBuffer_Release(&view);
        return r;
    }
    %feature("docstring") finish "finish() -> (events, error): end of input.";
    PyObject *finish() {
        if (!self->p)
            return closed_error();
        referat_parser_finish(self->p);
        return drain(self);
    }
    %feature("docstring") close "close(): free the parser; later calls raise ValueError.";
    void close() {
        referat_parser_free(self->p);
        self->p = NULL;
    }
}

%pythoncode %{
Event = _core.Event

def version():
    """The C library's version string."""
    return _version()
%}

%rename(_version) referat_version;
const char *referat_version(void);
