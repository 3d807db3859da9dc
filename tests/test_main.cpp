// doctest's main, plus skips: a binary in which a test case called
// testing::Skip (and nothing failed) exits with kSkipExitCode, which ctest
// reports as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "test_support.h"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int result = context.run();
  if (context.shouldExit()) return result;
  if (result == 0 && longjing::testing::AnySkipped()) return longjing::testing::kSkipExitCode;
  return result;
}
