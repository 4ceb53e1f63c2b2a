// The Catch2 main of every C++ test program, compiled once (Catch's implementation is the
// costliest file of a test build).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
