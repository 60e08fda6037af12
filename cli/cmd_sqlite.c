/* referat sqlite OUT.db FILE...: the documents into normalized tables.
 *
 * documents 1-n meetings 1-n items 1-n sections 1-1 decisions; meetings
 * 1-n participants; items 1-n absences; sections 1-n table_cells;
 * documents 1-n diagnostics. Foreign keys cascade on delete, so that a
 * document parsed again (the same source path) replaces all its rows; a
 * file that failed is a documents row with its error. One transaction per
 * run. Parsing is sequential here (--jobs does not apply). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "output.h"

#ifndef REFERAT_HAVE_SQLITE

int cmd_sqlite(int nfiles, char **files, const run_options *opt)
{
    (void)nfiles;
    (void)files;
    (void)opt;
    fputs("referat: sqlite: this referat was built without SQLite; install libsqlite3-dev "
          "(apt-get install libsqlite3-dev) and build again\n", stderr);
    return EXIT_USAGE;
}

#else
#include <sqlite3.h>

static const char schema[] =
    "PRAGMA foreign_keys = ON;"
    "CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE,"
    " parsed_at TEXT NOT NULL, error_code TEXT, error_message TEXT, error_line INTEGER,"
    " error_column INTEGER, error_offset INTEGER);"
    "CREATE TABLE IF NOT EXISTS meetings (id INTEGER PRIMARY KEY,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    " kind TEXT, body TEXT, date TEXT, weekday TEXT, time TEXT, end_time TEXT, location TEXT,"
    " layout TEXT, line INTEGER);"
    "CREATE TABLE IF NOT EXISTS participants (id INTEGER PRIMARY KEY,"
    " meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE, name TEXT NOT NULL,"
    " party TEXT, role TEXT, note TEXT, absent INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY,"
    " meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE, number INTEGER,"
    " title TEXT, toc_title TEXT, page INTEGER, case_number TEXT, closed INTEGER NOT NULL,"
    " line INTEGER);"
    "CREATE TABLE IF NOT EXISTS sections (id INTEGER PRIMARY KEY,"
    " item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
    " subitem_label TEXT, subitem_title TEXT, kind TEXT NOT NULL, heading TEXT, line INTEGER,"
    " text TEXT);"
    "CREATE TABLE IF NOT EXISTS decisions (id INTEGER PRIMARY KEY,"
    " section_id INTEGER NOT NULL UNIQUE REFERENCES sections(id) ON DELETE CASCADE,"
    " item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, body TEXT, date TEXT,"
    " history INTEGER NOT NULL, outcome TEXT, outcome_phrase TEXT, outcome_reason TEXT,"
    " votes_for INTEGER, votes_against INTEGER, votes_abstain INTEGER, votes_total INTEGER,"
    " unanimous INTEGER);"
    "CREATE TABLE IF NOT EXISTS absences (id INTEGER PRIMARY KEY,"
    " item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, name TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS table_cells (id INTEGER PRIMARY KEY,"
    " section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,"
    " table_no INTEGER NOT NULL, row INTEGER NOT NULL, col INTEGER NOT NULL,"
    " header INTEGER NOT NULL, text TEXT, value REAL);"
    "CREATE TABLE IF NOT EXISTS diagnostics (id INTEGER PRIMARY KEY,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, code TEXT,"
    " severity TEXT, line INTEGER, message TEXT);"
    "CREATE INDEX IF NOT EXISTS meetings_document ON meetings(document_id);"
    "CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);"
    "CREATE INDEX IF NOT EXISTS participants_meeting ON participants(meeting_id);"
    "CREATE INDEX IF NOT EXISTS participants_name ON participants(name);"
    "CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);"
    "CREATE INDEX IF NOT EXISTS items_case ON items(case_number);"
    "CREATE INDEX IF NOT EXISTS sections_item ON sections(item_id);"
    "CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id);"
    "CREATE INDEX IF NOT EXISTS decisions_outcome ON decisions(outcome);"
    "CREATE INDEX IF NOT EXISTS absences_item ON absences(item_id);"
    "CREATE INDEX IF NOT EXISTS table_cells_section ON table_cells(section_id);"
    "CREATE INDEX IF NOT EXISTS diagnostics_document ON diagnostics(document_id);";

enum { S_DOC, S_DEL, S_MEET, S_PART, S_ITEM, S_SEC, S_SECTEXT, S_DEC, S_ABS, S_CELL, S_DIAG,
       S_ERR, N_STMT };
static const char *const sql[N_STMT] = {
    "INSERT INTO documents(source, parsed_at) VALUES (?, datetime('now'))",
    "DELETE FROM documents WHERE source = ?",
    "INSERT INTO meetings(document_id, seq, kind, body, date, weekday, time, end_time, location,"
    " layout, line) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO participants(meeting_id, name, party, role, note, absent) VALUES (?,?,?,?,?,?)",
    "INSERT INTO items(meeting_id, number, title, toc_title, page, case_number, closed, line)"
    " VALUES (?,?,?,?,?,?,?,?)",
    "INSERT INTO sections(item_id, seq, subitem_label, subitem_title, kind, heading, line)"
    " VALUES (?,?,?,?,?,?,?)",
    "UPDATE sections SET text = ? WHERE id = ?",
    "INSERT INTO decisions(section_id, item_id, body, date, history, outcome, outcome_phrase,"
    " outcome_reason, votes_for, votes_against, votes_abstain, votes_total, unanimous)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO absences(item_id, name) VALUES (?,?)",
    "INSERT INTO table_cells(section_id, table_no, row, col, header, text, value)"
    " VALUES (?,?,?,?,?,?,?)",
    "INSERT INTO diagnostics(document_id, code, severity, line, message) VALUES (?,?,?,?,?)",
    "UPDATE documents SET error_code = ?, error_message = ?, error_line = ?, error_column = ?,"
    " error_offset = ? WHERE id = ?"};

typedef struct db {
    sqlite3 *h;
    sqlite3_stmt *st[N_STMT];
    int failed;
    long long doc, meeting, item, section, meetings, sections, table, row;
    int in_decision, in_subitem, history;
    char *sub_label, *sub_title;
    /* the open decision section's facts */
    char *dbody, *ddate, *outcome, *phrase, *reason;
    long long votes[4];
    int unanimous, has_vote;
    sb text;
} db;

static void check(db *d, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW && !d->failed) {
        d->failed = 1;
        fprintf(stderr, "referat: sqlite: %s: %s\n", what, sqlite3_errmsg(d->h));
    }
}

static sqlite3_stmt *stmt(db *d, int k)
{
    sqlite3_reset(d->st[k]);
    sqlite3_clear_bindings(d->st[k]);
    return d->st[k];
}

static void b_text(sqlite3_stmt *s, int i, const char *p, size_t n)
{
    if (p)
        sqlite3_bind_text(s, i, p, (int)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void b_rs(sqlite3_stmt *s, int i, referat_string r)
{
    b_text(s, i, r.data, r.size);
}

static void b_str(sqlite3_stmt *s, int i, const char *p)
{
    b_text(s, i, p, p ? strlen(p) : 0);
}

static void b_int(sqlite3_stmt *s, int i, long long v, int present)
{
    if (present)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static long long run(db *d, sqlite3_stmt *s, const char *what)
{
    check(d, sqlite3_step(s), what);
    return sqlite3_last_insert_rowid(d->h);
}

static char *dup(referat_string s)
{
    if (!s.data)
        return NULL;
    char *p = malloc(s.size + 1);
    if (!p) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    memcpy(p, s.data, s.size);
    p[s.size] = '\0';
    return p;
}

static void set(char **f, referat_string s)
{
    free(*f);
    *f = dup(s);
}

static void text_add(db *d, referat_string s)
{
    if (!d->section || !s.data)
        return;
    if (d->text.size)
        sb_put(&d->text, "\n", 1);
    sb_put(&d->text, s.data, s.size);
}

static void section_end(db *d)
{
    sqlite3_stmt *s = stmt(d, S_SECTEXT);
    b_text(s, 1, d->text.data ? d->text.data : "", d->text.size);
    b_int(s, 2, d->section, 1);
    run(d, s, "sections");
    if (d->in_decision) {
        s = stmt(d, S_DEC);
        b_int(s, 1, d->section, 1);
        b_int(s, 2, d->item, 1);
        b_str(s, 3, d->dbody);
        b_str(s, 4, d->ddate);
        b_int(s, 5, d->history, 1);
        b_str(s, 6, d->outcome);
        b_str(s, 7, d->phrase);
        b_str(s, 8, d->reason);
        for (int i = 0; i < 4; i++)
            b_int(s, 9 + i, d->votes[i], d->has_vote && d->votes[i] >= 0);
        b_int(s, 13, d->unanimous, d->has_vote);
        run(d, s, "decisions");
    }
    d->section = 0;
    d->in_decision = 0;
    d->text.size = 0;
}

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    db *d = ctx;
    sqlite3_stmt *s;
    (void)path;
    if (d->failed)
        return;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        s = stmt(d, S_MEET);
        b_int(s, 1, d->doc, 1);
        b_int(s, 2, ++d->meetings, 1);
        b_rs(s, 3, ev->kind);
        b_rs(s, 4, ev->body);
        b_rs(s, 5, ev->date);
        b_rs(s, 6, ev->weekday);
        b_rs(s, 7, ev->time);
        b_rs(s, 8, ev->end_time);
        b_rs(s, 9, ev->location);
        b_rs(s, 10, ev->layout);
        b_int(s, 11, (long long)ev->span.start_line, 1);
        d->meeting = run(d, s, "meetings");
        d->item = 0;
        break;
    case REFERAT_EV_META:
        /* the meeting's weekday, time and place may come in meta lines */
        if (ev->meta == REFERAT_META_DATE || ev->meta == REFERAT_META_LOCATION) {
            sqlite3_stmt *u = NULL;
            const char *q = ev->meta == REFERAT_META_DATE
                                ? "UPDATE meetings SET weekday = ?, time = ? WHERE id = ?"
                                : "UPDATE meetings SET location = ?, location = ? WHERE id = ?";
            check(d, sqlite3_prepare_v2(d->h, q, -1, &u, NULL), "meetings");
            if (u) {
                if (ev->meta == REFERAT_META_DATE) {
                    b_rs(u, 1, ev->weekday);
                    b_rs(u, 2, ev->time);
                } else {
                    b_text(u, 1, ev->value.size ? ev->value.data : NULL, ev->value.size);
                    b_text(u, 2, ev->value.size ? ev->value.data : NULL, ev->value.size);
                }
                b_int(u, 3, d->meeting, 1);
                run(d, u, "meetings");
                sqlite3_finalize(u);
            }
        }
        break;
    case REFERAT_EV_PARTICIPANT:
        s = stmt(d, S_PART);
        b_int(s, 1, d->meeting, 1);
        b_rs(s, 2, ev->name);
        b_rs(s, 3, ev->party);
        b_rs(s, 4, ev->role);
        b_rs(s, 5, ev->note);
        b_int(s, 6, ev->absent, 1);
        run(d, s, "participants");
        break;
    case REFERAT_EV_ITEM_START:
        s = stmt(d, S_ITEM);
        b_int(s, 1, d->meeting, 1);
        b_int(s, 2, ev->number, 1);
        b_rs(s, 3, ev->title);
        b_rs(s, 4, ev->toc_title);
        b_int(s, 5, ev->page, ev->page >= 0);
        b_rs(s, 6, ev->case_number);
        b_int(s, 7, ev->closed, 1);
        b_int(s, 8, (long long)ev->span.start_line, 1);
        d->item = run(d, s, "items");
        d->sections = 0;
        break;
    case REFERAT_EV_SUBITEM_START:
        set(&d->sub_label, ev->label);
        set(&d->sub_title, ev->title);
        break;
    case REFERAT_EV_SUBITEM_END:
        set(&d->sub_label, (referat_string){NULL, 0});
        set(&d->sub_title, (referat_string){NULL, 0});
        break;
    case REFERAT_EV_ABSENCE:
        if (!d->item)
            break;
        s = stmt(d, S_ABS);
        b_int(s, 1, d->item, 1);
        b_rs(s, 2, ev->name);
        run(d, s, "absences");
        break;
    case REFERAT_EV_SECTION_START:
        if (!d->item)
            break;
        s = stmt(d, S_SEC);
        b_int(s, 1, d->item, 1);
        b_int(s, 2, ++d->sections, 1);
        b_str(s, 3, d->sub_label);
        b_str(s, 4, d->sub_title);
        b_rs(s, 5, ev->kind);
        b_rs(s, 6, ev->heading);
        b_int(s, 7, (long long)ev->span.start_line, 1);
        d->section = run(d, s, "sections");
        d->table = 0;
        d->text.size = 0;
        d->in_decision = ev->section == REFERAT_SECTION_DECISION;
        if (d->in_decision) {
            d->history = ev->history;
            set(&d->dbody, ev->body);
            set(&d->ddate, ev->date);
            set(&d->outcome, (referat_string){NULL, 0});
            set(&d->phrase, (referat_string){NULL, 0});
            set(&d->reason, (referat_string){NULL, 0});
            d->has_vote = 0;
        }
        break;
    case REFERAT_EV_OUTCOME:
        if (d->in_decision && ev->point == 0) {
            set(&d->outcome, ev->kind);
            set(&d->phrase, ev->text);
            set(&d->reason, ev->reason);
        }
        break;
    case REFERAT_EV_VOTE:
        d->has_vote = 1;
        d->votes[0] = ev->votes_for;
        d->votes[1] = ev->votes_against;
        d->votes[2] = ev->votes_abstain;
        d->votes[3] = ev->votes_total;
        d->unanimous = ev->unanimous;
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING:
    case REFERAT_EV_LIST_ITEM: text_add(d, ev->text); break;
    case REFERAT_EV_SECTION_END:
        if (d->section)
            section_end(d);
        break;
    case REFERAT_EV_TABLE_START:
        d->table++;
        d->row = 0;
        break;
    case REFERAT_EV_TABLE_ROW:
        d->row++;
        if (!d->section)
            break;
        for (size_t i = 0; i < ev->cell_count; i++) {
            s = stmt(d, S_CELL);
            b_int(s, 1, d->section, 1);
            b_int(s, 2, d->table, 1);
            b_int(s, 3, d->row, 1);
            b_int(s, 4, (long long)i + 1, 1);
            b_int(s, 5, ev->header, 1);
            b_rs(s, 6, ev->cells[i].text);
            if (ev->cells[i].has_value)
                sqlite3_bind_double(s, 7, ev->cells[i].value);
            run(d, s, "table_cells");
        }
        break;
    case REFERAT_EV_DIAGNOSTIC:
        s = stmt(d, S_DIAG);
        b_int(s, 1, d->doc, 1);
        b_rs(s, 2, ev->code);
        b_rs(s, 3, ev->severity);
        b_int(s, 4, (long long)ev->span.start_line, 1);
        b_rs(s, 5, ev->message);
        run(d, s, "diagnostics");
        break;
    default: break;
    }
}

/* A document replaces the rows of the same source (cascading deletes). */
static void begin(void *ctx, const char *source, int index)
{
    db *d = ctx;
    (void)index;
    sqlite3_stmt *s = stmt(d, S_DEL);
    b_str(s, 1, source);
    run(d, s, "documents");
    s = stmt(d, S_DOC);
    b_str(s, 1, source);
    d->doc = run(d, s, "documents");
    d->meetings = d->meeting = d->item = d->section = 0;
    d->in_decision = 0;
    check(d, sqlite3_exec(d->h, "SAVEPOINT document", NULL, NULL, NULL), "savepoint");
}

static void end(void *ctx, const char *source, const source_result *r)
{
    db *d = ctx;
    (void)source;
    if (!r->status) {
        check(d, sqlite3_exec(d->h, "RELEASE document", NULL, NULL, NULL), "savepoint");
        return;
    }
    /* a failed document keeps no partial rows, only its error */
    check(d, sqlite3_exec(d->h, "ROLLBACK TO document; RELEASE document", NULL, NULL, NULL),
          "savepoint");
    sqlite3_stmt *s = stmt(d, S_ERR);
    b_str(s, 1, r->code);
    b_str(s, 2, r->message);
    b_int(s, 3, (long long)r->line, r->has_position);
    b_int(s, 4, (long long)r->column, r->has_position);
    b_int(s, 5, (long long)r->offset, r->has_position);
    b_int(s, 6, d->doc, 1);
    run(d, s, "documents");
}

int cmd_sqlite(int nfiles, char **files, const run_options *opt)
{
    db d;
    memset(&d, 0, sizeof d);
    if (sqlite3_open(opt->sub, &d.h) != SQLITE_OK) {
        fprintf(stderr, "referat: %s: %s\n", opt->sub, d.h ? sqlite3_errmsg(d.h) : "cannot open");
        sqlite3_close(d.h);
        return EXIT_USAGE;
    }
    check(&d, sqlite3_exec(d.h, schema, NULL, NULL, NULL), opt->sub);
    check(&d, sqlite3_exec(d.h, "BEGIN", NULL, NULL, NULL), opt->sub);
    for (int k = 0; k < N_STMT && !d.failed; k++)
        check(&d, sqlite3_prepare_v2(d.h, sql[k], -1, &d.st[k], NULL), sql[k]);
    int rc = EXIT_USAGE;
    if (!d.failed) {
        batch_cmd c = {NULL, NULL, begin, on_event, end, 0};
        rc = batch_run(nfiles, files, opt, &c, &d);
    }
    for (int k = 0; k < N_STMT; k++)
        sqlite3_finalize(d.st[k]);
    if (!d.failed)
        check(&d, sqlite3_exec(d.h, "COMMIT", NULL, NULL, NULL), opt->sub);
    if (d.failed)
        rc = EXIT_USAGE;
    sqlite3_close(d.h);
    char **f[] = {&d.sub_label, &d.sub_title, &d.dbody, &d.ddate, &d.outcome, &d.phrase, &d.reason};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(*f[i]);
    sb_free(&d.text);
    return rc;
}

#endif
