#include "commands.h"
#include <stdio.h>
int cmd_sqlite(int nfiles, char **files, const run_options *opt)
{
    (void)nfiles; (void)files; (void)opt;
    return 2;
}
