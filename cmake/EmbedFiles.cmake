# embed_files(TARGET name NAMESPACE ns BASE dir FILES f1 f2 ...)
# Generates a static library exposing `const std::map<std::string_view, std::string_view>& ns::Files()`
# whose keys are paths relative to BASE. Used for migrations and the web UI so the `attune` binary is
# self-contained; the files are re-embedded whenever they change.
function(embed_files)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${E_TARGET}_embedded.cpp)
  # A CMake list inside COMMAND would split into separate arguments: pass it '|'-separated.
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${E_NAMESPACE} -DBASE=${E_BASE}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding files for ${E_TARGET}"
    VERBATIM)
  add_library(${E_TARGET} STATIC ${out_cpp})
endfunction()
