/* Compiled as C99 and as C++ by the header tests: the public header must
 * stand on its own, pedantically, in both languages. */
#include <referat/referat.h>

int header_check(void);

int header_check(void)
{
    referat_options o;
    referat_options_init(&o);
    return (int)o.max_block_size + REFERAT_VERSION_MAJOR + (int)REFERAT_EV_DIAGNOSTIC;
}
