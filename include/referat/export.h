/* libreferat: symbol export macro.
 *
 * Every public function is declared with REFERAT_API. The library is built
 * with -fvisibility=hidden, so anything not marked stays private to it.
 * Define REFERAT_STATIC when linking the static library on Windows.
 */
#ifndef REFERAT_EXPORT_H
#define REFERAT_EXPORT_H

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(REFERAT_STATIC)
#    define REFERAT_API
#  elif defined(REFERAT_BUILDING)
#    define REFERAT_API __declspec(dllexport)
#  else
#    define REFERAT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define REFERAT_API __attribute__((visibility("default")))
#else
#  define REFERAT_API
#endif

#endif /* REFERAT_EXPORT_H */
