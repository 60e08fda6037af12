/* Names of enum values, as they appear in JSON output (SPEC §3, §4, §6). */
#include "internal.h"

const char *referat_event_type_name(referat_event_type type)
{
    static const char *const names[] = {
        "none", "meeting_start", "meta", "participant", "toc_entry", "item_start",
        "absence", "section_start", "paragraph", "heading", "attachment", "list_start",
        "list_item", "list_end", "table_start", "table_row", "table_end", "section_end",
        "item_end", "meeting_end", "diagnostic", "subitem_start", "subitem_end", "outcome", "vote",
        "participation"};
    unsigned t = (unsigned)type;
    return t < sizeof names / sizeof names[0] ? names[t] : NULL;
}

const char *referat_section_kind_name(referat_section_kind kind)
{
    static const char *const names[] = {"preamble", "background", "recommendation",
                                        "presentation", "attachments", "finance",
                                        "decision", "summary", "history", "other"};
    unsigned k = (unsigned)kind;
    return k < sizeof names / sizeof names[0] ? names[k] : NULL;
}

const char *referat_outcome_name(referat_outcome outcome)
{
    static const char *const names[] = {"unknown", "approved", "recommended", "noted",
                                        "discussed", "postponed", "referred", "rejected",
                                        "not_treated", "mixed"};
    unsigned o = (unsigned)outcome;
    return o < sizeof names / sizeof names[0] ? names[o] : NULL;
}

const char *referat_participation_name(referat_participation participation)
{
    static const char *const names[] = {"none", "recusal", "dissent", "assent",
                                        "abstain", "guest", "absent"};
    unsigned k = (unsigned)participation;
    return k < sizeof names / sizeof names[0] ? names[k] : NULL;
}

const char *referat_diagnostic_code_name(referat_diagnostic_code code)
{
    static const char *const names[] = {
        "invalid-utf8", "date-mismatch", "missing-case-number", "toc-title-mismatch",
        "toc-count-mismatch", "item-number-order", "block-too-large",
        "text-before-meeting", "unknown-front-matter", "limit-reached", "vote-count-mismatch"};
    unsigned c = (unsigned)code;
    return c < sizeof names / sizeof names[0] ? names[c] : NULL;
}

const char *referat_error_code_name(referat_error_code code)
{
    static const char *const names[] = {"none", "invalid-utf8", "no-memory", "too-large",
                                        "misuse", "io", "aborted"};
    unsigned c = (unsigned)code;
    return c < sizeof names / sizeof names[0] ? names[c] : NULL;
}

const char *referat_meeting_kind_name(referat_meeting_kind kind)
{
    static const char *const names[] = {"referat", "dagsorden"};
    unsigned k = (unsigned)kind;
    return k < sizeof names / sizeof names[0] ? names[k] : NULL;
}

const char *referat_version(void)
{
    return REFERAT_VERSION_STRING;
}

unsigned referat_version_number(void)
{
    return REFERAT_VERSION_NUMBER;
}
