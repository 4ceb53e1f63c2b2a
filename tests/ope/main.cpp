// The Catch2 main of the off-policy evaluation tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
