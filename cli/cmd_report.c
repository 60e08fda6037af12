/* referat tables --csv, referat stats, referat check. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "jsonw.h"
#include "output.h"

/* ---- tables: one CSV line per table row --------------------------------- */

typedef struct tables_ctx {
    sb out;
    char date[16];
    long long item;
    int table, row;
} tables_ctx;

static void csv_field(sb *o, const char *s, size_t n)
{
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
        !memchr(s, '\r', n)) {
        sb_put(o, s, n);
        return;
    }
    sb_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            sb_put(o, "\"", 1);
        sb_put(o, s + i, 1);
    }
    sb_put(o, "\"", 1);
}

static void on_table(void *ctx, const char *path, const referat_event *ev)
{
    tables_ctx *t = ctx;
    (void)path;
    if (ev->type == REFERAT_EV_MEETING_START && t->out.size)
        out_sb(&t->out);
    char num[96];
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        snprintf(t->date, sizeof t->date, "%.*s", (int)ev->date.size, ev->date.data);
        break;
    case REFERAT_EV_ITEM_START:
        t->item = ev->number;
        t->table = 0;
        break;
    case REFERAT_EV_TABLE_START:
        t->table++;
        t->row = 0;
        break;
    case REFERAT_EV_TABLE_ROW:
        t->row++;
        snprintf(num, sizeof num, "%s,%lld,%d,%d", t->date, t->item, t->table, t->row);
        sb_puts(&t->out, num);
        for (size_t i = 0; i < ev->cell_count; i++) {
            sb_put(&t->out, ",", 1);
            csv_field(&t->out, ev->cells[i].text.data, ev->cells[i].text.size);
        }
        sb_puts(&t->out, "\n");
        if (t->out.size > 65536)
            out_sb(&t->out);
        break;
    default: break;
    }
}

static void *tables_new(void *shared)
{
    (void)shared;
    tables_ctx *t = calloc(1, sizeof *t);
    if (!t) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    return t;
}

static void tables_free(void *ctx)
{
    tables_ctx *t = ctx;
    sb_free(&t->out);
    free(t);
}

static void tables_end(void *ctx, const char *source, const source_result *r)
{
    tables_ctx *t = ctx;
    (void)source;
    (void)r;
    out_sb(&t->out);
}

int cmd_tables(int nfiles, char **files, const run_options *opt)
{
    batch_cmd c = {tables_new, tables_free, NULL, on_table, tables_end, opt->jobs > 1};
    return batch_run(nfiles, files, opt, &c, NULL);
}

/* ---- stats: counts, in constant memory ------------------------------------ */

typedef struct stats_ctx {
    unsigned long long meetings, items, closed, decisions, sections;
    unsigned long long section_kinds[7], blocks[5], diags[9], other_diags;
} stats_ctx;

enum { B_PARAGRAPH, B_HEADING, B_LIST, B_TABLE, B_ATTACHMENT };

static void on_stats(void *ctx, const char *path, const referat_event *ev)
{
    stats_ctx *s = ctx;
    (void)path;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START: s->meetings++; break;
    case REFERAT_EV_ITEM_START: s->items++; s->closed += ev->closed != 0; break;
    case REFERAT_EV_SECTION_START:
        s->sections++;
        if ((unsigned)ev->section < 7)
            s->section_kinds[ev->section]++;
        s->decisions += ev->section == REFERAT_SECTION_DECISION;
        break;
    case REFERAT_EV_PARAGRAPH: s->blocks[B_PARAGRAPH]++; break;
    case REFERAT_EV_HEADING: s->blocks[B_HEADING]++; break;
    case REFERAT_EV_LIST_START: s->blocks[B_LIST]++; break;
    case REFERAT_EV_TABLE_START: s->blocks[B_TABLE]++; break;
    case REFERAT_EV_ATTACHMENT: s->blocks[B_ATTACHMENT]++; break;
    case REFERAT_EV_DIAGNOSTIC:
        if ((unsigned)ev->diagnostic < 9)
            s->diags[ev->diagnostic]++;
        else
            s->other_diags++;
        break;
    default: break;
    }
}

/* "PREFIXNAME N" and a line end. */
static void count(sb *o, const char *prefix, const char *name, unsigned long long n)
{
    char num[32];
    snprintf(num, sizeof num, " %llu\n", n);
    sb_puts(o, prefix);
    sb_puts(o, name);
    sb_puts(o, num);
}

int cmd_stats(int nfiles, char **files, const run_options *opt)
{
    static const char *const block_names[] = {"paragraph", "heading", "list", "table",
                                              "attachment"};
    stats_ctx s;
    memset(&s, 0, sizeof s);
    int rc = run_files(nfiles, files, opt, on_stats, &s);
    sb o = {0};
    count(&o, "meetings", "", s.meetings);
    count(&o, "items", "", s.items);
    count(&o, "closed_items", "", s.closed);
    count(&o, "decisions", "", s.decisions);
    count(&o, "sections", "", s.sections);
    for (int k = 0; k < 7; k++)
        count(&o, "section.", referat_section_kind_name((referat_section_kind)k),
              s.section_kinds[k]);
    for (int k = 0; k < 5; k++)
        count(&o, "block.", block_names[k], s.blocks[k]);
    for (int k = 0; k < 9; k++)
        count(&o, "diagnostic.", referat_diagnostic_code_name((referat_diagnostic_code)k),
              s.diags[k]);
    out_sb(&o);
    sb_free(&o);
    return rc;
}

/* ---- check: diagnostics as FILE:LINE: code: message --------------------- */

/* The text up to its first NUL, as printf's %.*s prints it. */
static void put_text(sb *o, referat_string s)
{
    if (!s.data)
        return;
    const char *nul = memchr(s.data, '\0', s.size);
    sb_put(o, s.data, nul ? (size_t)(nul - s.data) : s.size);
}

typedef struct check_ctx {
    sb o;
    const run_options *opt;
    unsigned long long warnings, errors;
} check_ctx;

static atomic_ullong check_warnings, check_errors;

static void on_check(void *ctx, const char *path, const referat_event *ev)
{
    check_ctx *c = ctx;
    sb *o = &c->o;
    char line[32];
    if (ev->type != REFERAT_EV_DIAGNOSTIC)
        return;
    if (ev->severity.data && ev->severity.size == 5 && memcmp(ev->severity.data, "error", 5) == 0)
        c->errors++;
    else
        c->warnings++;
    snprintf(line, sizeof line, ":%llu: ", (unsigned long long)ev->span.start_line);
    sb_puts(o, path);
    sb_puts(o, line);
    put_text(o, ev->code);
    sb_puts(o, ": ");
    put_text(o, ev->message);
    sb_puts(o, "\n");
    if (o->size > 65536)
        out_sb(o);
}

/* A file that failed is a line too: FILE:LINE:COLUMN: error: message, or
 * FILE: error: message when there is no position. */
static void check_end(void *ctx, const char *source, const source_result *r)
{
    check_ctx *c = ctx;
    if (r->status) {
        char pos[80] = "";
        if (r->has_position)
            snprintf(pos, sizeof pos, ":%llu:%llu", r->line, r->column);
        sb_puts(&c->o, source);
        sb_puts(&c->o, pos);
        sb_puts(&c->o, ": error: ");
        sb_puts(&c->o, r->message);
        sb_puts(&c->o, "\n");
    }
    out_sb(&c->o);
}

static void *check_new(void *shared)
{
    check_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    c->opt = shared;
    return c;
}

static void check_free(void *ctx)
{
    check_ctx *c = ctx;
    atomic_fetch_add(&check_warnings, c->warnings);
    atomic_fetch_add(&check_errors, c->errors);
    sb_free(&c->o);
    free(c);
}

int cmd_check(int nfiles, char **files, const run_options *opt)
{
    batch_cmd c = {check_new, check_free, NULL, on_check, check_end, opt->jobs > 1};
    int rc = batch_run(nfiles, files, opt, &c, (void *)opt);
    unsigned long long w = atomic_load(&check_warnings), e = atomic_load(&check_errors);
    /* --fail-on: diagnostics of that severity or worse fail the check */
    if (rc == 0 && ((opt->fail_on == 1 && (w || e)) || (opt->fail_on == 2 && e)))
        rc = EXIT_PARSE_ERROR;
    return rc;
}
