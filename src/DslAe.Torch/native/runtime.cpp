// Process-wide libtorch settings: version, threads, seeding, grad mode and CUDA queries.
#include <ATen/Parallel.h>
#include <torch/version.h>

#include "shim.h"

#if defined(DSLAE_WITH_CUDA)
#include <c10/cuda/CUDACachingAllocator.h>
#endif

DSLAE_API const char* dslae_libtorch_version() { return TORCH_VERSION; }

DSLAE_API int dslae_built_with_cuda() {
#if defined(DSLAE_WITH_CUDA)
  return 1;
#else
  return 0;
#endif
}

DSLAE_API int dslae_set_num_threads(int n) {
  DSLAE_TRY
  at::set_num_threads(n);
  DSLAE_CATCH
}

DSLAE_API int dslae_get_num_threads() { return at::get_num_threads(); }

DSLAE_API int dslae_manual_seed(uint64_t seed) {
  DSLAE_TRY
  at::manual_seed(seed);
  DSLAE_CATCH
}

// Grad mode is thread-local in libtorch, as the managed no-grad scope assumes. Returns the previous mode.
DSLAE_API int dslae_set_grad_enabled(int on) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(on != 0);
  return previous ? 1 : 0;
}

DSLAE_API int dslae_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// CUDA hooks are registered only when the CUDA part of libtorch is loaded, so this is safe on CPU builds.
DSLAE_API int dslae_cuda_device_count() {
  try {
    return at::detail::getCUDAHooks().getNumGPUs();
  } catch (...) {
    return 0;
  }
}

DSLAE_API int dslae_cuda_empty_cache() {
  DSLAE_TRY
#if defined(DSLAE_WITH_CUDA)
  if (at::detail::getCUDAHooks().getNumGPUs() > 0) c10::cuda::CUDACachingAllocator::emptyCache();
#endif
  DSLAE_CATCH
}
