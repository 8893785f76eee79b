// Shared helpers of the C ABI over libtorch. Handles are heap-allocated at::Tensor objects; the
// managed side owns each one and frees it with dslae_tensor_free.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <exception>

#include "errors.h"

typedef at::Tensor* TensorHandle;

// Every entry point body runs inside DSLAE_TRY ... DSLAE_CATCH so that no C++ exception crosses the
// C boundary (that would abort the .NET process). c10::Error carries libtorch's own message; the
// backtrace is dropped because it names shim internals, not the user's mistake.
#define DSLAE_TRY try {
#define DSLAE_CATCH                                                    \
  }                                                                    \
  catch (const c10::Error& e) {                                        \
    dslae::set_last_error(e.what_without_backtrace());                 \
    return 1;                                                          \
  }                                                                    \
  catch (const std::exception& e) {                                    \
    dslae::set_last_error(e.what());                                   \
    return 1;                                                          \
  }                                                                    \
  catch (...) {                                                        \
    dslae::set_last_error("unknown C++ exception inside libtorch");    \
    return 1;                                                          \
  }                                                                    \
  return 0;

namespace dslae {

inline TensorHandle wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

// Optional tensors arrive as null handles.
inline c10::optional<at::Tensor> optional_tensor(TensorHandle h) {
  if (h == nullptr) return c10::nullopt;
  return *h;
}

inline at::Tensor tensor_or_undefined(TensorHandle h) { return h == nullptr ? at::Tensor() : *h; }

inline at::IntArrayRef dims(const int64_t* values, int count) { return at::IntArrayRef(values, static_cast<size_t>(count)); }

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

}  // namespace dslae
