# Header-only dependencies come from Debian packages. For wasm, /usr/include cannot be on the
# include path (it drags in glibc headers), so a build folder holds symlinks to just what we use.
set(LAB_SYSINC ${CMAKE_BINARY_DIR}/sysinc)
file(MAKE_DIRECTORY ${LAB_SYSINC})
foreach(dep nlohmann catch2)
  if(NOT EXISTS ${LAB_SYSINC}/${dep})
    file(CREATE_LINK /usr/include/${dep} ${LAB_SYSINC}/${dep} SYMBOLIC)
  endif()
endforeach()

add_library(lab_thirdparty INTERFACE)
target_include_directories(lab_thirdparty SYSTEM INTERFACE ${LAB_SYSINC} /usr/include/eigen3)

set(LAB_IMGUI_DIR ${CMAKE_SOURCE_DIR}/third_party/imgui)
