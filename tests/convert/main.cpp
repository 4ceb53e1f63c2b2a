// The Catch2 main of the conversion tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
