# rlrec_add_plugin(<target> SOURCES <files>... [LIBRARIES <libs>...])
#
# Builds one rlrec plugin library the way DESIGN.md §3 rule 8 asks: a MODULE built against the
# ABI headers only (rlrec::plugin), hidden visibility, a version script exporting only
# rlrec_plugin_get_entry, and -z defs so a missing symbol fails the link, not the load.
# Installed with the rlrec package, so third-party plugin projects use the same function.
# When RLREC_INSTALL_PLUGINS is true (rlrec's own plugins/ folder sets it) the plugin is also
# installed into RLREC_INSTALL_PLUGIN_DIR, the engine's built-in folder; a third-party project
# leaves it unset and installs its plugin wherever it likes.
set(RLREC_PLUGIN_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/rlrec_plugin.map)

function(rlrec_add_plugin target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE rlrec::plugin ${ARG_LIBRARIES})
  if(TARGET rlrec_warnings)  # rlrec's own build: its warning flags (absent for third parties)
    target_link_libraries(${target} PRIVATE rlrec_warnings)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED RLREC_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${RLREC_PLUGIN_OUTPUT_DIR})
  endif()
  target_link_options(${target} PRIVATE
    -Wl,-z,defs -Wl,--version-script=${RLREC_PLUGIN_VERSION_SCRIPT})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${RLREC_PLUGIN_VERSION_SCRIPT})
  if(RLREC_INSTALL_PLUGINS)
    install(TARGETS ${target} LIBRARY DESTINATION ${RLREC_INSTALL_PLUGIN_DIR})
  endif()
endfunction()
