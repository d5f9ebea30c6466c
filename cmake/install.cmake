# Installation (GNU layout: lib/<multiarch>, include/parley, bin, share/doc/parley) and
# the pkg-config file parley.pc. `cmake --install build --prefix DIR` installs anywhere;
# tests/api/install.sh builds and runs a program against such an installation.
install(TARGETS parley_lib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
if(TARGET parley_shared)
  install(TARGETS parley_shared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
install(TARGETS parley RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/parley DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
# The README links docs/NAME.md, so the docs keep that layout under share/doc/parley.
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json")

# parley.pc: its directories are filled in now, its prefix at install time, so that it
# follows the prefix given to `cmake --install --prefix`, not the one configured.
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(PL_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(PL_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
set(PL_PREFIX "@PL_PREFIX@")
configure_file(${CMAKE_SOURCE_DIR}/cmake/parley.pc.in ${CMAKE_BINARY_DIR}/install/parley.pc.in
               @ONLY)
install(CODE "
  set(PL_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${CMAKE_BINARY_DIR}/install/parley.pc.in\"
                 \"${CMAKE_BINARY_DIR}/install/parley.pc\" @ONLY)
  file(INSTALL \"${CMAKE_BINARY_DIR}/install/parley.pc\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
")
