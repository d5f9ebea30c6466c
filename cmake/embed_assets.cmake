# Turn every file under DIR into one C source: a table of serve_asset
# {path, mime type, bytes, size} for `parley serve` (src/cli/serve/serve.h).
# Usage: cmake -DDIR=... -DOUTPUT=... -P embed_assets.cmake
file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/*")
list(SORT files)
set(arrays "")
set(table "")
set(n 0)
foreach(relative ${files})
  if(relative MATCHES "(^|/)[.]" OR relative MATCHES "~$")
    continue()  # editor and hidden files are not served
  endif()
  file(READ "${DIR}/${relative}" content HEX)
  string(LENGTH "${content}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
  string(TOLOWER "${relative}" lower)
  set(mime "application/octet-stream")
  if(lower MATCHES "[.]html?$")
    set(mime "text/html; charset=utf-8")
  elseif(lower MATCHES "[.]m?js$")
    set(mime "text/javascript; charset=utf-8")
  elseif(lower MATCHES "[.]css$")
    set(mime "text/css; charset=utf-8")
  elseif(lower MATCHES "[.]svg$")
    set(mime "image/svg+xml")
  elseif(lower MATCHES "[.]png$")
    set(mime "image/png")
  elseif(lower MATCHES "[.]ico$")
    set(mime "image/x-icon")
  elseif(lower MATCHES "[.]json$")
    set(mime "application/json")
  elseif(lower MATCHES "[.]woff2$")
    set(mime "font/woff2")
  elseif(lower MATCHES "[.]txt$")
    set(mime "text/plain; charset=utf-8")
  endif()
  string(APPEND arrays "static const unsigned char asset_${n}[] = {\n${bytes}\n0x00};\n")
  string(APPEND table "    {\"/${relative}\", \"${mime}\", asset_${n}, ${size}},\n")
  math(EXPR n "${n} + 1")
endforeach()
file(WRITE "${OUTPUT}.new"
  "/* Generated from ${DIR} by cmake/embed_assets.cmake; do not edit. */\n"
  "#include \"serve.h\"\n"
  "${arrays}"
  "const serve_asset serve_assets[] = {\n${table}    {0, 0, 0, 0}};\n"
  "const size_t serve_n_assets = ${n};\n")
# Only touch OUTPUT when it changed, so that nothing recompiles for nothing.
configure_file("${OUTPUT}.new" "${OUTPUT}" COPYONLY)
file(REMOVE "${OUTPUT}.new")
