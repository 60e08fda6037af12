/* The event dump: one short line per event, like libyaml's test suite
 * format, so that a fixture's expected events are a plain diff:
 *
 *   +MEETING referat "Direktionen" 2023-08-21 @3
 *   =META "Mødested" "Teams" @7
 *   +ITEM 1 "Øvrige sager" toc="Øvrige sager" page=3 case="22/23184" @24
 *   +SECTION background "Baggrund" @28
 *   =PARA "Tekst." @30
 *   =ROW header "Politisk organisation" "Total" 608192 @12
 *   !DIAG missing-case-number @24
 *
 * '+' opens, '-' closes, '=' is a leaf, '!' a diagnostic; @N is the line.
 * Used by `referat dump` and by the fixture tests. */
#ifndef REFERAT_CLI_DUMP_H
#define REFERAT_CLI_DUMP_H

#include <referat/referat.h>

#include "jsonw.h"

void dump_event(sb *out, const referat_event *ev);

#endif
