# Provides the target `llhttp::llhttp`.
# Preference: a system llhttp 9 (CMake package or pkg-config); otherwise the C sources that
# Debian ships in `node-llhttp` (llhttp 8.1), built here as a static library.

find_package(llhttp 9 QUIET CONFIG)
if(TARGET llhttp::llhttp_shared AND NOT TARGET llhttp::llhttp)
  add_library(llhttp::llhttp ALIAS llhttp::llhttp_shared)
elseif(TARGET llhttp::llhttp_static AND NOT TARGET llhttp::llhttp)
  add_library(llhttp::llhttp ALIAS llhttp::llhttp_static)
endif()

if(NOT TARGET llhttp::llhttp)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(LLHTTP QUIET IMPORTED_TARGET "libllhttp>=9")
    if(LLHTTP_FOUND)
      add_library(llhttp::llhttp ALIAS PkgConfig::LLHTTP)
    endif()
  endif()
endif()

if(TARGET llhttp::llhttp)
  message(STATUS "llhttp: using the system library (9.x)")
  return()
endif()

set(WIREBENCH_LLHTTP_SOURCE_DIR "/usr/share/llhttp" CACHE PATH "Directory with llhttp's C sources")
set(WIREBENCH_LLHTTP_INCLUDE_DIR "/usr/share/include/llhttp" CACHE PATH "Directory with llhttp.h")
if(NOT EXISTS "${WIREBENCH_LLHTTP_SOURCE_DIR}/llhttp.c" OR NOT EXISTS "${WIREBENCH_LLHTTP_INCLUDE_DIR}/llhttp.h")
  message(FATAL_ERROR
    "llhttp not found. Install a system llhttp 9 (libllhttp-dev) or Debian's sources with "
    "`apt-get install node-llhttp`, or set WIREBENCH_LLHTTP_SOURCE_DIR / WIREBENCH_LLHTTP_INCLUDE_DIR.")
endif()

add_library(llhttp_static STATIC
  "${WIREBENCH_LLHTTP_SOURCE_DIR}/llhttp.c"
  "${WIREBENCH_LLHTTP_SOURCE_DIR}/api.c"
  "${WIREBENCH_LLHTTP_SOURCE_DIR}/http.c")
target_include_directories(llhttp_static SYSTEM PUBLIC "${WIREBENCH_LLHTTP_INCLUDE_DIR}")
set_target_properties(llhttp_static PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 99)
# llhttp 8 has a compile-time strict mode; Node 20's llhttp 9 is at least as strict, so use it.
target_compile_definitions(llhttp_static PUBLIC LLHTTP_STRICT_MODE=1)
target_compile_options(llhttp_static PRIVATE -w)
add_library(llhttp::llhttp ALIAS llhttp_static)
message(STATUS "llhttp: building Debian's llhttp sources from ${WIREBENCH_LLHTTP_SOURCE_DIR} (strict mode)")
