# Turn a file into a C source defining pl_default_scenario_json (NUL-terminated)
# and pl_default_scenario_size. Usage: cmake -DINPUT=... -DOUTPUT=... -P embed.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}"
  "/* Generated from ${INPUT} by cmake/embed.cmake; do not edit. */\n"
  "#include <stddef.h>\n"
  "const char pl_default_scenario_json[] = {\n${bytes}\n0x00};\n"
  "const size_t pl_default_scenario_size = ${size};\n")
