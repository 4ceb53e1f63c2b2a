#include "errors.hpp"

#include <new>

namespace rlrec::core {

rlrec_status current_exception_status(std::string &message) noexcept {
  try {
    try {
      throw;
    } catch (const ConfigError &e) {
      message = e.what();
      return RLREC_ERR_CONFIG;
    } catch (const PluginLoadError &e) {
      message = e.what();
      return RLREC_ERR_CONFIG;
    } catch (const PluginCallError &e) {
      message = e.what();
      return e.status() == RLREC_OK ? RLREC_ERR_RUNTIME : e.status();
    } catch (const Interrupted &e) {
      message = e.what();
      return RLREC_ERR_INTERRUPTED;
    } catch (const std::bad_alloc &) {
      message = "out of memory";
      return RLREC_ERR_NO_MEMORY;
    } catch (const std::exception &e) {
      message = e.what();
      return RLREC_ERR_RUNTIME;
    } catch (...) {
      message = "unknown exception";
      return RLREC_ERR_RUNTIME;
    }
  } catch (...) {  // assigning the message itself failed
    return RLREC_ERR_NO_MEMORY;
  }
}

}  // namespace rlrec::core

namespace rlrec::core {

std::string escaped_exception_text() noexcept {
  try {
    try {
      throw;
    } catch (const std::exception &e) {
      return std::string(": ") + e.what();
    } catch (...) {
      return "";
    }
  } catch (...) {
    return "";
  }
}

}  // namespace rlrec::core
