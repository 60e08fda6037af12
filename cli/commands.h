/* The referat subcommands. Each returns the process exit code. */
#ifndef REFERAT_CLI_COMMANDS_H
#define REFERAT_CLI_COMMANDS_H

#include "driver.h"

int cmd_json(int nfiles, char **files, const run_options *opt);
int cmd_events(int nfiles, char **files, const run_options *opt);
int cmd_dump(int nfiles, char **files, const run_options *opt);
int cmd_tables(int nfiles, char **files, const run_options *opt);
int cmd_stats(int nfiles, char **files, const run_options *opt);
int cmd_check(int nfiles, char **files, const run_options *opt);
int cmd_csv(int nfiles, char **files, const run_options *opt);
int cmd_sqlite(int nfiles, char **files, const run_options *opt);
int cmd_oparl(int nfiles, char **files, const run_options *opt);
/* The base URL of the ids cmd_oparl makes (default https://referat.invalid/oparl/). */
void oparl_set_base_url(const char *url);

/* Runs fn over every file (stdin when there is none); the worst code wins,
 * and an I/O error stops the run. */
int run_files(int nfiles, char **files, const run_options *opt, event_handler fn, void *ctx);

#endif
