# What `cmake --install` puts where, and the package that makes `find_package(rlrec)` work for
# plugin authors and embedders (DESIGN.md journey J4):
#   include/rlrec/*.h             the C ABI and embedding headers             rlrec::plugin
#   lib/librlrec.so*              the engine behind rlrec/engine.h            rlrec::engine
#   bin/rlrec                     the command line
#   lib/rlrec/plugins/            the built-in plugins (rlrec_add_plugin installs each)
#   lib/cmake/rlrec/              rlrecConfig*.cmake, the exported targets, RlrecPlugin.cmake and
#                                 its version script, so third parties build plugins like ours
include(CMakePackageConfigHelpers)

set(RLREC_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rlrec)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/abi/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(TARGETS rlrec_plugin_headers EXPORT rlrecTargets)
# The engine library and the command line come from core/ and hosts/; guarded so the package
# stays installable in a tree that builds without them.
if(TARGET rlrec)
  install(TARGETS rlrec EXPORT rlrecTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
if(TARGET rlrec_cli)
  install(TARGETS rlrec_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT rlrecTargets NAMESPACE rlrec:: DESTINATION ${RLREC_INSTALL_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/rlrecConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/cmake/rlrecConfig.cmake
                              INSTALL_DESTINATION ${RLREC_INSTALL_CMAKE_DIR})
# One major, one ABI: a plugin built against 1.x loads into any 1.y engine (rlrec/version.h).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/rlrecConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/rlrecConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/rlrecConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/RlrecPlugin.cmake
              ${CMAKE_CURRENT_LIST_DIR}/rlrec_plugin.map
        DESTINATION ${RLREC_INSTALL_CMAKE_DIR})
