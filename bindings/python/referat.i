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
#include <stdlib.h>
#include <string.h>

#include <referat/referat.h>

/* The fields of an Event record, in order (see referat/__init__.py): the
 * names are the C field names of referat_event (after type and the span as
 * start, end, line, end_line). A field the event's type does not set is
 * None; enums are given as their name strings. FIELDS below lists them. */
static PyStructSequence_Field event_fields[] = {
    {"type", "event type: 'meeting_start', 'paragraph', ..."},
    {"start", "byte offset where the event's source starts"},
    {"end", "byte offset after its source (line end included)"},
    {"line", "first source line (1-based)"},
    {"end_line", "last source line"},
    {"kind", "name of the kind: meeting, section, outcome or participation"},
    {"text", "paragraph, heading or list item text; outcome or participation phrase"},
    {"name", "meta name; participant, absence, attachment or participation name"},
    {"note", "participant note"},
    {"title", "TOC entry, item or sub-item title"},
    {"toc_title", "item: title of its TOC entry"},
    {"case_number", "item: case number"},
    {"heading", "section heading"},
    {"body", "meeting or decision body"},
    {"date", "ISO date (meeting, decision, date meta)"},
    {"weekday", "meeting or date meta: weekday"},
    {"time", "meeting or date meta: HH:MM"},
    {"label", "list item or sub-item label"},
    {"severity", "diagnostic severity"},
    {"number", "item: its number"},
    {"page", "item: page of its TOC entry; TOC entry: its page (None: none)"},
    {"closed", "item: closed"},
    {"absent", "participant: absent"},
    {"header", "table row: header row"},
    {"cells", "table row: tuple of (text, value) pairs; value None when not a number"},
    {"party", "participant: party letters"},
    {"role", "participant: role"},
    {"end_time", "meeting, meta: end time HH:MM"},
    {"location", "meeting, meta: location"},
    {"layout", "meeting: the layout family that read its header"},
    {"meta", "meta: what the value is about ('date', 'time', 'end_time', 'location', "
             "'participants', 'body', 'other')"},
    {"history", "decision section start: a decision of an earlier meeting"},
    {"outcome", "outcome: what was decided ('approved', ...)"},
    {"reason", "outcome: why it was read so"},
    {"point", "outcome: the indstillingspunkt, 0 for the whole decision"},
    {"votes_for", "vote: votes for (None: not stated)"},
    {"votes_against", "vote: votes against (None: not stated)"},
    {"votes_abstain", "vote: abstentions (None: not stated)"},
    {"votes_total", "vote: votes cast as stated (None: not stated)"},
    {"unanimous", "vote: unanimous"},
    {"for_names", "vote: who voted for, as written"},
    {"against_names", "vote: who voted against, as written"},
    {"abstain_names", "vote: who abstained, as written"},
    {"participation", "participation: how the person took part ('dissent', ...)"},
    {"meeting_kind", "meeting start: 'referat' or 'dagsorden'"},
    {"value", "meta: its value"},
    {"code", "diagnostic: its code"},
    {"message", "diagnostic: its message"},
    {"level", "list item: nesting level, 0 outermost"},
    {"columns", "table start: number of columns"},
    {NULL, NULL}};

#define N_FIELDS ((int)(sizeof event_fields / sizeof event_fields[0]) - 1)

static PyStructSequence_Desc event_desc = {
    "referat.Event",
    "One parse event, a named tuple; the fields its type does not set are None.",
    event_fields, 0 /* set in %init */};

#define LAST_EVENT_TYPE REFERAT_EV_PARTICIPATION
static PyTypeObject *event_type = NULL;
static PyObject *type_names[LAST_EVENT_TYPE + 1];

static PyObject *py_none(void)
{
    Py_RETURN_NONE;
}

static PyObject *py_str(referat_string s)
{
    if (!s.data)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s.data, (Py_ssize_t)s.size, "strict");
}

static PyObject *py_cstr(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_InternFromString(s);
}

static PyObject *py_int(int64_t v)
{
    return PyLong_FromLongLong((long long)v);
}

/* A count or page: -1 (not stated) is None. */
static PyObject *py_count(int64_t v)
{
    return v >= 0 ? PyLong_FromLongLong((long long)v) : py_none();
}

static PyObject *py_bool(int v)
{
    return PyBool_FromLong(v);
}

static const char *meta_key_name(referat_meta_key k)
{
    static const char *const names[] = {"other", "date", "time", "end_time",
                                        "location", "participants", "body"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "other";
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
    referat_event_type ty = ev->type;
    unsigned t = (unsigned)ty <= LAST_EVENT_TYPE ? (unsigned)ty : 0;
    int item = ty == REFERAT_EV_ITEM_START, vote = ty == REFERAT_EV_VOTE;
    int decision = ty == REFERAT_EV_SECTION_START && ev->section == REFERAT_SECTION_DECISION;
    Py_INCREF(type_names[t]);
    PyObject *items[] = {
        type_names[t],
        PyLong_FromUnsignedLongLong(ev->span.start_offset),
        PyLong_FromUnsignedLongLong(ev->span.end_offset),
        PyLong_FromUnsignedLongLong(ev->span.start_line),
        PyLong_FromUnsignedLongLong(ev->span.end_line),
        py_str(ev->kind), py_str(ev->text), py_str(ev->name), py_str(ev->note),
        py_str(ev->title), py_str(ev->toc_title), py_str(ev->case_number),
        py_str(ev->heading), py_str(ev->body), py_str(ev->date), py_str(ev->weekday),
        py_str(ev->time), py_str(ev->label), py_str(ev->severity),
        item ? py_int(ev->number) : py_none(),
        item || ty == REFERAT_EV_TOC_ENTRY ? py_count(ev->page) : py_none(),
        item ? py_bool(ev->closed) : py_none(),
        ty == REFERAT_EV_PARTICIPANT ? py_bool(ev->absent) : py_none(),
        ty == REFERAT_EV_TABLE_ROW ? py_bool(ev->header) : py_none(),
        ty == REFERAT_EV_TABLE_ROW ? py_cells(ev) : py_none(),
        py_str(ev->party), py_str(ev->role), py_str(ev->end_time), py_str(ev->location),
        py_str(ev->layout),
        ty == REFERAT_EV_META ? py_cstr(meta_key_name(ev->meta)) : py_none(),
        decision ? py_bool(ev->history) : py_none(),
        ty == REFERAT_EV_OUTCOME ? py_cstr(referat_outcome_name(ev->outcome)) : py_none(),
        py_str(ev->reason),
        ty == REFERAT_EV_OUTCOME ? py_int(ev->point) : py_none(),
        vote ? py_count(ev->votes_for) : py_none(),
        vote ? py_count(ev->votes_against) : py_none(),
        vote ? py_count(ev->votes_abstain) : py_none(),
        vote ? py_count(ev->votes_total) : py_none(),
        vote ? py_bool(ev->unanimous) : py_none(),
        py_str(ev->for_names), py_str(ev->against_names), py_str(ev->abstain_names),
        ty == REFERAT_EV_PARTICIPATION ? py_cstr(referat_participation_name(ev->participation))
                                       : py_none(),
        ty == REFERAT_EV_MEETING_START ? py_cstr(referat_meeting_kind_name(ev->meeting_kind))
                                       : py_none(),
        py_str(ev->value), py_str(ev->code), py_str(ev->message),
        ty == REFERAT_EV_LIST_ITEM ? py_int(ev->level) : py_none(),
        ty == REFERAT_EV_TABLE_START ? py_int(ev->columns) : py_none()};
    _Static_assert(sizeof items / sizeof items[0] == sizeof event_fields / sizeof event_fields[0] - 1,
                   "one value per Event field");
    int ok = 1;
    for (int i = 0; i < N_FIELDS; i++) {
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
    const char *s = referat_error_code_name(c);
    return s ? s : "none";
}

/* Events per batch unless Parser(batch_size=...) says otherwise: a batch of
 * events is a list the caller holds at once, so this bounds the memory one
 * call takes (some hundred bytes an event) and how long it runs. */
#define DEFAULT_BATCH_SIZE 1024

/* One parser and what the binding keeps for it.
 *
 * Locking: every method that touches the C parser holds `lock` from start to
 * end, including while the GIL is released around referat_parser_next(), so
 * close() from another thread waits for a running feed() instead of freeing
 * the parser under it. A thread waits for the lock only with the GIL
 * released (never holds the GIL while blocked on `lock`), which is what keeps
 * the two locks from deadlocking. `busy`/`owner` are read and written with the
 * GIL held; they catch a call on the same parser from the thread that already
 * holds the lock (a __del__ run by the garbage collector while events are
 * built): close() is then done when the running call leaves, any other call
 * raises RuntimeError.
 *
 * Input: the C parser does not copy a chunk; it reads it until
 * referat_parser_next() returns REFERAT_NEED_INPUT. `input` holds the chunk
 * until then, across calls: an exported buffer of a bytes object (or of a
 * memoryview over one), else a bytes copy of the data, so neither the
 * caller's object going away nor its being changed (a bytearray, from
 * another thread while the GIL is released) can reach what the parser reads.
 *
 * Batches: feed(), finish() and drain() return at most batch_size events;
 * `active` says the parser has not yet answered NEED_INPUT, END or ERROR
 * since the last feed()/finish(). When building a batch fails (MemoryError),
 * the events built so far stay in `partial` and the event the parser handed
 * out but that was not built yet in `pending_ev` (its strings stay valid: the
 * parser is not called again before it is built); the next drain() returns
 * them first, so no event is lost. */
typedef struct Parser {
    referat_parser *p;          /* NULL once closed */
    PyThread_type_lock lock;
    int busy;                   /* lock held by `owner` (GIL held to read) */
    unsigned long owner;
    int close_requested;        /* close() from the thread holding the lock */
    Py_buffer input;            /* the chunk the parser reads; input.obj NULL if none */
    int active;                 /* events may follow without new input */
    referat_status last;        /* what referat_parser_next() said last */
    PyObject *partial;          /* list of built, not yet returned events, or NULL */
    const referat_event *pending_ev; /* handed out by the parser, not built yet */
    size_t batch_size;
    long hook_after;            /* test hook, see _hook() */
    PyObject *hook_fn;
} Parser;

static PyObject *closed_error(void)
{
    PyErr_SetString(PyExc_ValueError, "the parser is closed");
    return NULL;
}

/* Takes the parser's lock (waiting with the GIL released). -1 with an
 * exception on a re-entrant call from the thread that holds it. */
static int parser_enter(Parser *self)
{
    unsigned long me = PyThread_get_thread_ident();
    if (self->busy && self->owner == me) {
        PyErr_SetString(PyExc_RuntimeError,
                        "the parser is in use by this thread (re-entrant call)");
        return -1;
    }
    if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    self->busy = 1;
    self->owner = me;
    return 0;
}

static void release_input(Parser *self)
{
    if (self->input.obj)
        PyBuffer_Release(&self->input); /* sets input.obj to NULL */
}

/* Frees the C parser and everything held for it (lock held or not needed). */
static void parser_free_all(Parser *self)
{
    referat_parser_free(self->p);
    self->p = NULL;
    self->pending_ev = NULL;
    self->active = 0;
    Py_CLEAR(self->partial);
    Py_CLEAR(self->hook_fn);
    release_input(self);
}

static void parser_leave(Parser *self)
{
    if (self->close_requested) {
        self->close_requested = 0;
        parser_free_all(self);
    }
    self->busy = 0;
    PyThread_release_lock(self->lock);
}

/* Makes `input` hold the bytes of `data` for as long as the parser reads them. */
static int hold_input(Parser *self, PyObject *data)
{
    int immutable = PyBytes_CheckExact(data) ||
                    (PyMemoryView_Check(data) && PyMemoryView_GET_BASE(data) &&
                     PyBytes_CheckExact(PyMemoryView_GET_BASE(data)));
    if (immutable)
        return PyObject_GetBuffer(data, &self->input, PyBUF_SIMPLE);
    Py_buffer view;
    if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
        return -1;
    PyObject *copy = PyBytes_FromStringAndSize(view.buf, view.len);
    PyBuffer_Release(&view);
    if (!copy)
        return -1;
    int r = PyObject_GetBuffer(copy, &self->input, PyBUF_SIMPLE);
    Py_DECREF(copy); /* input.obj holds it */
    return r;
}

/* Builds the event the parser handed out, or fails. */
static PyObject *build_event(Parser *self, const referat_event *ev)
{
    if (self->hook_after > 0 && --self->hook_after == 0) {
        PyObject *fn = self->hook_fn;
        self->hook_fn = NULL;
        if (!fn)
            return PyErr_NoMemory();
        PyObject *r = PyObject_CallNoArgs(fn);
        Py_DECREF(fn);
        if (!r)
            return NULL;
        Py_DECREF(r);
    }
    return py_event(ev);
}

/* Keeps what is built when a batch fails; see the struct comment. */
static PyObject *keep_partial(Parser *self, PyObject *list, const referat_event *ev)
{
    self->partial = list;
    self->pending_ev = ev;
    return NULL;
}

static int append_event(PyObject *list, PyObject *e)
{
    int r = PyList_Append(list, e);
    Py_DECREF(e);
    return r;
}

/* The next batch (lock held, parser open): returns (events, error) where
 * events is a list of at most batch_size events and error is None or (code,
 * message, offset, line, column). */
static PyObject *drain_batch(Parser *self)
{
    PyObject *list = self->partial;
    self->partial = NULL;
    if (!list && !(list = PyList_New(0)))
        return NULL;
    if (self->pending_ev) {
        const referat_event *ev = self->pending_ev;
        self->pending_ev = NULL;
        PyObject *e = build_event(self, ev);
        if (!e || append_event(list, e) < 0)
            return keep_partial(self, list, ev);
    }
    while (self->active && !self->close_requested &&
           (size_t)PyList_GET_SIZE(list) < self->batch_size) {
        const referat_event *ev;
        referat_status st;
        referat_parser *p = self->p;
        Py_BEGIN_ALLOW_THREADS
        st = referat_parser_next(p, &ev);
        Py_END_ALLOW_THREADS
        self->last = st;
        if (st != REFERAT_OK) {
            /* the fed input is used up (or the parse is over): let it go */
            self->active = 0;
            release_input(self);
            break;
        }
        PyObject *e = build_event(self, ev);
        if (!e || append_event(list, e) < 0)
            return keep_partial(self, list, ev);
    }
    PyObject *error = Py_None;
    Py_INCREF(error);
    if (!self->active && self->last == REFERAT_ERROR) {
        const referat_error *err = referat_parser_error(self->p);
        Py_DECREF(error);
        error = Py_BuildValue("(ssKKK)", error_code_name(err->code), err->message,
                              (unsigned long long)err->offset,
                              (unsigned long long)err->line,
                              (unsigned long long)err->column);
        if (!error)
            return keep_partial(self, list, NULL);
    }
    PyObject *r = PyTuple_Pack(2, list, error);
    Py_DECREF(error);
    if (!r)
        return keep_partial(self, list, NULL);
    Py_DECREF(list);
    return r;
}

static int has_pending(Parser *self)
{
    return self->active || self->partial || self->pending_ev;
}

/* What feed(), finish() and drain() do around their work: check for signals
 * (Ctrl-C between batches), lock, check the parser is open. 0 when the
 * caller may go on (lock held), -1 with an exception (lock not held). */
static int parser_begin(Parser *self)
{
    if (PyErr_CheckSignals() < 0)
        return -1;
    if (parser_enter(self) < 0)
        return -1;
    if (!self->p) {
        parser_leave(self);
        closed_error();
        return -1;
    }
    return 0;
}

static PyObject *not_used_up_error(Parser *self)
{
    parser_leave(self);
    PyErr_SetString(PyExc_ValueError,
                    "the previous input is not used up: call drain() while pending()");
    return NULL;
}
%}

%init %{
    event_desc.n_in_sequence = N_FIELDS;
    event_type = PyStructSequence_NewType(&event_desc);
    for (int i = 0; i <= LAST_EVENT_TYPE; i++)
        type_names[i] = PyUnicode_InternFromString(
            referat_event_type_name((referat_event_type)i));
    if (event_type) {
        Py_INCREF(event_type);
        PyModule_AddObject(m, "Event", (PyObject *)event_type);
    }
    {
        PyObject *names = PyTuple_New(N_FIELDS);
        for (int i = 0; names && i < N_FIELDS; i++)
            PyTuple_SET_ITEM(names, i, PyUnicode_InternFromString(event_fields[i].name));
        if (names)
            PyModule_AddObject(m, "EVENT_FIELDS", names);
    }
%}

%feature("docstring") Parser
"Push parser (private; ``referat.events()`` is the public interface).

Parser(strict=0, max_block_size=0, batch_size=0): batch_size is the most
events one call returns (0: 1024). feed(data) and finish() return the first
batch (events, error); while pending() is true, drain() returns the next.
error is None or (code, message, offset, line, column). feed() and finish()
raise ValueError while events are pending. The parser keeps (or copies) the
fed data until it is used up. One parser may be used from several threads;
calls wait for each other. close() frees it; later calls raise ValueError.";

%exception Parser::Parser {
    $action
    if (!result)
        SWIG_fail;
}

typedef struct Parser {} Parser;

%extend Parser {
    Parser(int strict = 0, size_t max_block_size = 0, size_t batch_size = 0) {
        referat_options o;
        referat_options_init(&o);
        o.strict_utf8 = strict;
        if (max_block_size)
            o.max_block_size = max_block_size;
        Parser *self = PyMem_Calloc(1, sizeof *self);
        if (!self)
            return (Parser *)PyErr_NoMemory();
        self->batch_size = batch_size ? batch_size : DEFAULT_BATCH_SIZE;
        self->last = REFERAT_NEED_INPUT;
        self->lock = PyThread_allocate_lock();
        self->p = self->lock ? referat_parser_new(&o) : NULL;
        if (!self->p) {
            if (self->lock)
                PyThread_free_lock(self->lock);
            PyMem_Free(self);
            return (Parser *)PyErr_NoMemory();
        }
        return self;
    }
    ~Parser() {
        /* no call can be running: each holds a reference to the object */
        parser_free_all(self);
        PyThread_free_lock(self->lock);
        PyMem_Free(self);
    }
    %feature("docstring") feed
    "feed(data) -> (events, error): parse a chunk of bytes; the first batch.";
    PyObject *feed(PyObject *data) {
        if (parser_begin(self) < 0)
            return NULL;
        if (has_pending(self))
            return not_used_up_error(self);
        if (hold_input(self, data) < 0) {
            parser_leave(self);
            return NULL;
        }
        /* a misuse (feed after finish) stops the parser; drain_batch() reports it */
        referat_parser_feed(self->p, self->input.buf, (size_t)self->input.len);
        self->active = 1;
        PyObject *r = drain_batch(self);
        parser_leave(self);
        return r;
    }
    %feature("docstring") finish "finish() -> (events, error): end of input; the first batch.";
    PyObject *finish() {
        if (parser_begin(self) < 0)
            return NULL;
        if (has_pending(self))
            return not_used_up_error(self);
        referat_parser_finish(self->p);
        self->active = 1;
        PyObject *r = drain_batch(self);
        parser_leave(self);
        return r;
    }
    %feature("docstring") drain
    "drain() -> (events, error): the next batch of events of the input fed so far.";
    PyObject *drain() {
        if (parser_begin(self) < 0)
            return NULL;
        PyObject *r = drain_batch(self);
        parser_leave(self);
        return r;
    }
    %feature("docstring") pending
    "pending() -> bool: drain() has events to return before the next feed() or finish().";
    PyObject *pending() {
        if (parser_enter(self) < 0)
            return NULL;
        if (!self->p) {
            parser_leave(self);
            return closed_error();
        }
        int r = has_pending(self);
        parser_leave(self);
        return PyBool_FromLong(r);
    }
    %feature("docstring") close
    "close(): free the parser (waiting for a call running in another thread); later calls raise ValueError.";
    void close() {
        unsigned long me = PyThread_get_thread_ident();
        if (self->busy && self->owner == me) {
            self->close_requested = 1; /* done when the running call leaves */
            return;
        }
        parser_enter(self); /* cannot fail: not re-entrant */
        parser_free_all(self);
        parser_leave(self);
    }
    /* Runs Python code where a finalizer or a failing allocation could:
     * while a batch is built, the lock held, the GIL held. */
    %feature("docstring") _hook
    "_hook(n, fn=None): for tests only: when the n-th event from now is built, call fn()
(None: raise MemoryError), once; an exception from it fails building the batch.";
    void _hook(long n, PyObject *fn = Py_None) {
        Py_XDECREF(self->hook_fn);
        self->hook_fn = NULL;
        if (fn != Py_None) {
            Py_INCREF(fn);
            self->hook_fn = fn;
        }
        self->hook_after = n;
    }
}

%{
/* ---- Folder: the document model's trees as JSON (referat.parse) ----------
 *
 * feed(data) and finish() parse with the GIL released, fold the events into
 * trees (referat_builder) and return the trees completed so far as
 * (type, json) pairs: the compact JSON referat_node_write_json() writes
 * (a meeting's head, an item, a meeting's end, a diagnostic), plus the
 * error or None. Python builds its Document from them (referat/_load.py),
 * so the folding is the C library's, done once for the CLI and Python.
 *
 * Threads: `busy` (read and set with the GIL held) keeps a second thread
 * out while one parses; close() during a call only asks, and the running
 * call frees everything when it leaves. */
typedef struct Folder {
    referat_parser *p;  /* NULL once closed */
    referat_builder *b;
    int busy, close_requested, nomem;
    struct fold_out {
        char *text;     /* the JSON texts, one after another */
        size_t size, cap;
        size_t *ends;   /* where each text ends */
        referat_event_type *types;
        size_t n, n_cap;
    } out;
} Folder;

static void folder_free_all(Folder *f)
{
    referat_parser_free(f->p);
    referat_builder_free(f->b);
    f->p = NULL;
    f->b = NULL;
    free(f->out.text);
    free(f->out.ends);
    free(f->out.types);
    memset(&f->out, 0, sizeof f->out);
}

static int out_append(void *user, const char *data, size_t size)
{
    struct fold_out *o = user;
    if (o->size + size > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->size + size)
            cap *= 2;
        char *t = realloc(o->text, cap);
        if (!t)
            return 1;
        o->text = t;
        o->cap = cap;
    }
    memcpy(o->text + o->size, data, size);
    o->size += size;
    return 0;
}

/* Writes a complete tree's JSON and records where it ends; -1: no memory. */
static int out_tree(struct fold_out *o, const referat_node *tree)
{
    if (o->n == o->n_cap) {
        size_t cap = o->n_cap ? 2 * o->n_cap : 64;
        size_t *ends = realloc(o->ends, cap * sizeof *ends);
        if (ends)
            o->ends = ends;
        referat_event_type *types = ends ? realloc(o->types, cap * sizeof *types) : NULL;
        if (!types)
            return -1;
        o->types = types;
        o->n_cap = cap;
    }
    if (referat_node_write_json(tree, NULL, REFERAT_JSON_COMPACT, out_append, o) != REFERAT_OK)
        return -1;
    o->ends[o->n] = o->size;
    o->types[o->n++] = referat_node_type(tree);
    return 0;
}

/* Runs the parser until it needs input or stops (GIL released). */
static referat_status fold_run(Folder *f)
{
    const referat_event *ev;
    referat_status st;
    while ((st = referat_parser_next(f->p, &ev)) == REFERAT_OK) {
        if (referat_builder_add(f->b, ev) != REFERAT_OK) {
            f->nomem = 1;
            return REFERAT_ERROR;
        }
        referat_node *tree;
        while ((tree = referat_builder_take(f->b))) {
            int r = out_tree(&f->out, tree);
            referat_node_free(tree);
            if (r < 0) {
                f->nomem = 1;
                return REFERAT_ERROR;
            }
        }
    }
    return st;
}

/* ([(type, json bytes), ...], error) of what fold_run() wrote; empties it. */
static PyObject *fold_result(Folder *f, referat_status st)
{
    PyObject *list = PyList_New((Py_ssize_t)f->out.n);
    size_t start = 0;
    for (size_t i = 0; list && i < f->out.n; i++) {
        PyObject *pair = Py_BuildValue("(Oy#)", type_names[f->out.types[i]],
                                       f->out.text + start, (Py_ssize_t)(f->out.ends[i] - start));
        if (!pair) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, pair);
        start = f->out.ends[i];
    }
    f->out.size = f->out.n = 0;
    if (!list)
        return NULL;
    if (f->nomem) {
        Py_DECREF(list);
        return PyErr_NoMemory();
    }
    if (st != REFERAT_ERROR)
        return Py_BuildValue("(NO)", list, Py_None);
    const referat_error *err = referat_parser_error(f->p);
    return Py_BuildValue("(N(ssKKK))", list, error_code_name(err->code), err->message,
                         (unsigned long long)err->offset, (unsigned long long)err->line,
                         (unsigned long long)err->column);
}

/* feed (data != NULL) or finish, with the GIL released while parsing. */
static PyObject *fold_call(Folder *f, PyObject *data)
{
    Py_buffer view = {0};
    if (PyErr_CheckSignals() < 0)
        return NULL;
    if (!f->p) {
        PyErr_SetString(PyExc_ValueError, "the folder is closed");
        return NULL;
    }
    if (f->busy) {
        PyErr_SetString(PyExc_RuntimeError, "the folder is in use by another call");
        return NULL;
    }
    /* a buffer export keeps a bytearray from being resized while it is read */
    if (data && PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    f->busy = 1;
    referat_status st;
    Py_BEGIN_ALLOW_THREADS
    if (data)
        referat_parser_feed(f->p, view.buf, (size_t)view.len);
    else
        referat_parser_finish(f->p);
    st = fold_run(f);
    Py_END_ALLOW_THREADS
    if (data)
        PyBuffer_Release(&view);
    PyObject *r = fold_result(f, st);
    f->busy = 0;
    if (f->close_requested)
        folder_free_all(f);
    return r;
}
%}

%feature("docstring") Folder
"Folds a parse into the document model's trees (private; ``referat.parse()``
is the public interface).

Folder(strict=0, max_block_size=0). feed(data) and finish() return
(trees, error): trees a list of (type, json) pairs, json the compact JSON
of a meeting's head, an item, a meeting's end or a diagnostic; error None
or (code, message, offset, line, column). close() frees it.";

%exception Folder::Folder {
    $action
    if (!result)
        SWIG_fail;
}

typedef struct Folder {} Folder;

%extend Folder {
    Folder(int strict = 0, size_t max_block_size = 0) {
        referat_options o;
        referat_options_init(&o);
        o.strict_utf8 = strict;
        if (max_block_size)
            o.max_block_size = max_block_size;
        Folder *self = PyMem_Calloc(1, sizeof *self);
        if (!self)
            return (Folder *)PyErr_NoMemory();
        self->p = referat_parser_new(&o);
        self->b = referat_builder_new(&o);
        if (!self->p || !self->b) {
            folder_free_all(self);
            PyMem_Free(self);
            return (Folder *)PyErr_NoMemory();
        }
        return self;
    }
    ~Folder() {
        /* no call can be running: each holds a reference to the object */
        folder_free_all(self);
        PyMem_Free(self);
    }
    %feature("docstring") feed "feed(data) -> (trees, error): parse a chunk of bytes.";
    PyObject *feed(PyObject *data) {
        return fold_call(self, data);
    }
    %feature("docstring") finish "finish() -> (trees, error): the end of the input.";
    PyObject *finish() {
        return fold_call(self, NULL);
    }
    %feature("docstring") close "close(): free the folder; later calls raise ValueError.";
    void close() {
        if (self->busy)
            self->close_requested = 1; /* the running call frees it */
        else
            folder_free_all(self);
    }
}

%pythoncode %{
Event = _core.Event
EVENT_FIELDS = _core.EVENT_FIELDS

def version():
    """The C library's version string."""
    return _version()
%}

%rename(_version) referat_version;
const char *referat_version(void);
