// The Catch2 main of the learning-toolkit tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
