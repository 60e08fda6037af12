/* The document model (referat.h, "The document model"): which trees the
 * builder hands out and when, what a whole document holds, the accessors,
 * the JSON writer's callback, and every allocation failed in turn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const char MINUTES[] =
    "REFERAT Direktionen d. 16-01-2023\n"
    "\n"
    "Mødedeltagere: Ulla Bech (A), Jens Hansen (V)\n"
    "\n"
    "Punkt 1: Øvrige sager\n"
    "\n"
    "22/23184\n"
    "\n"
    "Beslutning Direktionen den 16-01-2023\n"
    "\n"
    "Godkendt.\n"
    "\n"
    "Afbud Anya Krogh Manghezi\n"
    "\n"
    "Punkt 2: Anden sag\n"
    "\n"
    "22/1\n"
    "\n"
    "Baggrund\n"
    "\n"
    "- et punkt\n"
    "- et andet\n";

/* Every tree a builder hands out for MINUTES, in order. */
typedef struct trees {
    referat_node *tree[16];
    int n;
} trees;

static int collect(void *user, const referat_event *ev)
{
    void **ctx = user;
    referat_builder *b = ctx[0];
    trees *t = ctx[1];
    assert_int_equal(referat_builder_add(b, ev), REFERAT_OK);
    referat_node *tree;
    while ((tree = referat_builder_take(b))) {
        assert_true(t->n < 16);
        assert_null(referat_node_parent(tree));
        t->tree[t->n++] = tree;
    }
    return 0;
}

static void test_builder_hands_out_head_items_end(void **state)
{
    (void)state;
    referat_builder *b = referat_builder_new(NULL);
    trees t = {{0}, 0};
    void *ctx[] = {b, &t};
    assert_int_equal(referat_parse(MINUTES, sizeof MINUTES - 1, NULL, collect, ctx, NULL),
                     REFERAT_END);
    referat_builder_free(b);
    assert_int_equal(t.n, 4);
    /* the head: the meeting with its participants, no items */
    assert_int_equal(referat_node_type(t.tree[0]), REFERAT_EV_MEETING_START);
    assert_null(referat_node_find(t.tree[0], REFERAT_EV_ITEM_START, NULL));
    const referat_node *who = referat_node_find(t.tree[0], REFERAT_EV_PARTICIPANT, NULL);
    assert_non_null(who);
    assert_memory_equal(referat_node_event(who)->name.data, "Ulla Bech", 9);
    assert_ptr_equal(referat_node_parent(who), t.tree[0]);
    /* the items, each whole */
    const referat_event *item = referat_node_event(t.tree[1]);
    assert_int_equal(item->type, REFERAT_EV_ITEM_START);
    assert_int_equal(item->number, 1);
    assert_string_equal(item->case_number.data, "22/23184"); /* copied, NUL-terminated */
    assert_int_equal(item->span.start_line, 5);
    assert_int_equal(item->span.end_line, 13); /* widened to the item's end */
    assert_int_equal(referat_node_event(t.tree[2])->number, 2);
    /* the meeting's end, a leaf */
    assert_int_equal(referat_node_type(t.tree[3]), REFERAT_EV_MEETING_END);
    assert_int_equal(referat_node_child_count(t.tree[3]), 0);
    for (int i = 0; i < t.n; i++)
        referat_node_free(t.tree[i]);
}

static void test_absence_belongs_to_its_item(void **state)
{
    (void)state;
    referat_document *doc = referat_document_parse(MINUTES, sizeof MINUTES - 1, NULL, NULL);
    assert_non_null(doc);
    const referat_node *meeting =
        referat_node_find(referat_document_root(doc), REFERAT_EV_MEETING_START, NULL);
    const referat_node *item = referat_node_find(meeting, REFERAT_EV_ITEM_START, NULL);
    const referat_node *absence = referat_node_find(item, REFERAT_EV_ABSENCE, NULL);
    assert_non_null(absence); /* stood inside the decision section */
    assert_memory_equal(referat_node_event(absence)->name.data, "Anya Krogh Manghezi", 19);
    /* the decision section holds its outcome after its blocks */
    const referat_node *decision = referat_node_find(item, REFERAT_EV_SECTION_START, NULL);
    assert_int_equal(referat_node_event(decision)->section, REFERAT_SECTION_DECISION);
    const referat_node *outcome = referat_node_find(decision, REFERAT_EV_OUTCOME, NULL);
    assert_non_null(outcome);
    assert_int_equal(referat_node_event(outcome)->outcome, REFERAT_OUTCOME_APPROVED);
    assert_non_null(referat_node_find(decision, REFERAT_EV_PARAGRAPH, NULL));
    referat_document_free(doc);
}

static void test_document_tree(void **state)
{
    (void)state;
    referat_document *doc = referat_document_parse(MINUTES, sizeof MINUTES - 1, NULL, NULL);
    assert_non_null(doc);
    const referat_node *root = referat_document_root(doc);
    assert_int_equal(referat_node_type(root), REFERAT_EV_NONE);
    assert_int_equal(referat_node_child_count(root), 1);
    const referat_node *meeting = referat_node_first_child(root);
    assert_int_equal(referat_node_type(meeting), REFERAT_EV_MEETING_START);
    assert_int_equal(referat_node_event(meeting)->span.end_line, 22); /* to its end */
    /* items follow the head's children; the second holds a list of two */
    const referat_node *second = referat_node_find(
        meeting, REFERAT_EV_ITEM_START, referat_node_find(meeting, REFERAT_EV_ITEM_START, NULL));
    assert_non_null(second);
    assert_ptr_equal(referat_node_parent(second), meeting);
    assert_null(referat_node_find(meeting, REFERAT_EV_ITEM_START, second));
    const referat_node *section = referat_node_find(second, REFERAT_EV_SECTION_START, NULL);
    const referat_node *list = referat_node_find(section, REFERAT_EV_LIST_START, NULL);
    assert_int_equal(referat_node_child_count(list), 2);
    const referat_node *entry = referat_node_first_child(list);
    assert_memory_equal(referat_node_event(entry)->text.data, "et punkt", 8);
    assert_memory_equal(referat_node_event(referat_node_next(entry))->text.data, "et andet", 8);
    assert_null(referat_node_next(referat_node_next(entry)));
    referat_document_free(doc);
}

static void test_diagnostics_are_trees_at_once(void **state)
{
    (void)state;
    static const char bad[] = "REFERAT Direktionen d. 16-01-2023\n\nPunkt 1: Sag\n\n"
                              "22/1\n\nBaggrund\n\nbad \xff byte\n";
    referat_builder *b = referat_builder_new(NULL);
    trees t = {{0}, 0};
    void *ctx[] = {b, &t};
    assert_int_equal(referat_parse(bad, sizeof bad - 1, NULL, collect, ctx, NULL), REFERAT_END);
    referat_builder_free(b);
    /* head, the diagnostic (before the item it stands in is complete), item, end */
    assert_int_equal(t.n, 4);
    assert_int_equal(referat_node_type(t.tree[1]), REFERAT_EV_DIAGNOSTIC);
    assert_int_equal(referat_node_event(t.tree[1])->diagnostic, REFERAT_DIAG_INVALID_UTF8);
    assert_int_equal(referat_node_type(t.tree[2]), REFERAT_EV_ITEM_START);
    for (int i = 0; i < t.n; i++)
        referat_node_free(t.tree[i]);
}

static void test_end_without_start_is_refused(void **state)
{
    (void)state;
    referat_builder *b = referat_builder_new(NULL);
    referat_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = REFERAT_EV_SECTION_END;
    assert_int_equal(referat_builder_add(b, &ev), REFERAT_ERROR);
    ev.type = REFERAT_EV_PARAGRAPH; /* refused from now on */
    assert_int_equal(referat_builder_add(b, &ev), REFERAT_ERROR);
    assert_null(referat_builder_take(b));
    referat_builder_free(b);
    /* a tree never taken is freed with its builder (ASan checks) */
    b = referat_builder_new(NULL);
    ev.type = REFERAT_EV_ITEM_START;
    assert_int_equal(referat_builder_add(b, &ev), REFERAT_OK);
    ev.type = REFERAT_EV_ITEM_END;
    assert_int_equal(referat_builder_add(b, &ev), REFERAT_OK);
    referat_builder_free(b);
}

/* A writer that stops after `left` calls. */
static int limited_write(void *user, const char *data, size_t size)
{
    (void)data;
    (void)size;
    int *left = user;
    return (*left)-- <= 0;
}

static int append_sb(void *user, const char *data, size_t size)
{
    sb_put(user, data, size);
    return 0;
}

static void test_json_writer(void **state)
{
    (void)state;
    size_t n;
    char *input = read_file(FIXTURE_DIR "/tables.txt", &n);
    assert_non_null(input);
    referat_document *doc = referat_document_parse(input, n, NULL, NULL);
    assert_non_null(doc);
    const referat_node *root = referat_document_root(doc);
    sb pretty = {0}, compact = {0};
    assert_int_equal(referat_node_write_json(root, "t", 0, append_sb, &pretty), REFERAT_OK);
    assert_int_equal(referat_node_write_json(root, "t", REFERAT_JSON_COMPACT, append_sb, &compact),
                     REFERAT_OK);
    assert_true(pretty.size > 4096); /* more than one piece */
    assert_non_null(strstr(pretty.data, "{\n  \"source\": \"t\",\n  \"meetings\": ["));
    assert_null(strchr(compact.data, '\n'));
    assert_true(strncmp(compact.data, "{\"source\":\"t\",\"meetings\":[{", 27) == 0);
    /* a callback that stops: the writer says so */
    int left = 1;
    assert_int_equal(referat_node_write_json(root, NULL, 0, limited_write, &left), REFERAT_ERROR);
    sb_free(&pretty);
    sb_free(&compact);
    referat_document_free(doc);
    free(input);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    size_t n;
    char *input = read_file(FIXTURE_DIR "/decisions_votes.txt", &n);
    assert_non_null(input);
    int failures = 0;
    for (long k = 0;; k++) {
        failing f = {k, 0, 0};
        referat_options opt;
        referat_options_init(&opt);
        opt.realloc_fn = failing_realloc;
        opt.alloc_ctx = &f;
        referat_error err;
        referat_document *doc = referat_document_parse(input, n, &opt, &err);
        if (doc) {
            assert_true(referat_node_child_count(referat_document_root(doc)) > 0);
            referat_document_free(doc);
            assert_int_equal(f.live, 0);
            break;
        }
        assert_int_equal(err.code, REFERAT_E_NO_MEMORY);
        assert_int_equal(f.live, 0);
        failures++;
    }
    assert_true(failures > 20);
    free(input);
}

static void test_file_errors(void **state)
{
    (void)state;
    referat_error err;
    assert_null(referat_document_parse_file(FIXTURE_DIR "/no-such-file.txt", NULL, &err));
    assert_int_equal(err.code, REFERAT_E_IO);
    referat_document *doc = referat_document_parse_file(FIXTURE_DIR "/items.txt", NULL, &err);
    assert_non_null(doc);
    assert_int_equal(referat_node_type(referat_node_first_child(referat_document_root(doc))),
                     REFERAT_EV_MEETING_START);
    referat_document_free(doc);
}

/* The tree's own rules on a node: parent links, child counts, a
 * container's span holding its children's; returns the nodes seen. */
static size_t check_tree(const referat_node *n)
{
    size_t seen = 1, count = 0;
    const referat_event *ev = referat_node_event(n);
    for (const referat_node *c = referat_node_first_child(n); c; c = referat_node_next(c)) {
        const referat_event *cv = referat_node_event(c);
        assert_ptr_equal(referat_node_parent(c), n);
        if (ev->type != REFERAT_EV_NONE && cv->type != REFERAT_EV_ABSENCE &&
            cv->type != REFERAT_EV_DIAGNOSTIC) {
            assert_true(cv->span.start_offset >= ev->span.start_offset);
            assert_true(cv->span.end_line <= ev->span.end_line);
        }
        seen += check_tree(c);
        count++;
    }
    assert_int_equal(referat_node_child_count(n), count);
    return seen;
}

static int count_bytes(void *user, const char *data, size_t size)
{
    (void)data;
    *(size_t *)user += size;
    return 0;
}

static uint32_t next_random(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Documents made of the layouts' tokens in random order: every one folds
 * into a well-formed tree that writes as JSON (ASan watches the memory). */
static void test_random_documents(void **state)
{
    (void)state;
    static const char *const tokens[] = {
        "REFERAT Direktionen d. 01-02-2023\n", "Punkt 1: ", "Punkt 2: Lukket\n", "22/1\n",
        "\n", "\n\n", "Beslutning Direktionen den 01-02-2023\n", "Baggrund\n", "Godkendt.\n",
        "Afbud Ole Hansen\n", "- a\n", "1. b\n", "| x | 1,5 |\n", "Indholdsfortegnelse\n",
        "Titel.....\t3\n", "Mødedeltagere: a, b (Afbud)\n", "1.1 Status\n", "Referat\n",
        "Byrådet - Referat\n", "3\n", "Pkt. 4\n", "\xe2\x80\xa2 Pkt. 5 Sag\n",
        "Fraværende: Ida Lund\n", "Udvalget, 01-02-2023, pkt. 2\n", "Medlemmer\n", "\f",
        "\xff", "Sag nr. 3\n", "Til toppen\n", "PUNKTER\n", "Anbefales.\n"};
    uint32_t seed = 2026;
    char buf[4000];
    size_t nodes = 0;
    for (int doc = 0; doc < 400; doc++) {
        size_t n = 0;
        while (n < 3000) {
            const char *t = tokens[next_random(&seed) % (sizeof tokens / sizeof tokens[0])];
            memcpy(buf + n, t, strlen(t));
            n += strlen(t);
        }
        referat_error err;
        referat_document *d = referat_document_parse(buf, n, NULL, &err);
        assert_non_null(d);
        nodes += check_tree(referat_document_root(d));
        size_t written = 0;
        assert_int_equal(referat_node_write_json(referat_document_root(d), "x", 0, count_bytes,
                                                 &written),
                         REFERAT_OK);
        assert_true(written > 20);
        referat_document_free(d);
    }
    assert_true(nodes > 400 * 10); /* the documents were not empty */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builder_hands_out_head_items_end),
        cmocka_unit_test(test_absence_belongs_to_its_item),
        cmocka_unit_test(test_document_tree),
        cmocka_unit_test(test_diagnostics_are_trees_at_once),
        cmocka_unit_test(test_end_without_start_is_refused),
        cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_random_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
