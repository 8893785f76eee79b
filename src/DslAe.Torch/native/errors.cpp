#include "errors.h"

#include <string>

namespace {
// Thread-local so that two managed threads failing at once never read each other's message.
thread_local std::string last_error;
}

void dslae::set_last_error(const char* message) { last_error = message ? message : "unknown error"; }

DSLAE_API const char* dslae_last_error() { return last_error.c_str(); }
