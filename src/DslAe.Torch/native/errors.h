// Error channel of the C ABI: every entry point returns a status (0 = ok) and, on failure, leaves
// libtorch's message in a thread-local string the managed side reads with dslae_last_error().
#pragma once

#define DSLAE_API extern "C" __attribute__((visibility("default")))

namespace dslae {
void set_last_error(const char* message);
}

DSLAE_API const char* dslae_last_error();
