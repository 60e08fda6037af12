# Runs PROGRAM [ARGS] on INPUT (an argument) or STDIN (standard input) and
# compares its standard output with the file EXPECTED.
if(DEFINED STDIN)
  execute_process(COMMAND ${PROGRAM} ${ARGS} INPUT_FILE ${STDIN}
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${PROGRAM} ${ARGS} ${INPUT} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "${PROGRAM}: output differs from ${EXPECTED}:\n${out}")
endif()
