// Tensor lifetime, metadata, data transfer, autograd and shape (view) operations.
#include <cstring>
#include <vector>

#include "shim.h"

using dslae::wrap;

DSLAE_API void dslae_tensor_free(TensorHandle t) { delete t; }

// Copies `nbytes` from `data` (host memory, dtype layout) into a new tensor on the given device.
DSLAE_API int dslae_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype, int device_type,
                                     int device_index, TensorHandle* out) {
  DSLAE_TRY
  auto cpu = at::empty(dslae::dims(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
  if (cpu.numel() > 0) std::memcpy(cpu.data_ptr(), data, cpu.nbytes());
  at::Device device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
  *out = wrap(device.is_cpu() ? cpu : cpu.to(device));
  DSLAE_CATCH
}

// Copies the tensor's elements (converted to `dtype`, moved to the CPU, made contiguous) into `dst`.
DSLAE_API int dslae_tensor_copy_to(TensorHandle t, int dtype, void* dst, int64_t capacity_bytes) {
  DSLAE_TRY
  auto cpu = t->detach().to(at::kCPU, static_cast<at::ScalarType>(dtype)).contiguous();
  auto bytes = static_cast<int64_t>(cpu.nbytes());
  TORCH_CHECK(bytes <= capacity_bytes, "destination holds ", capacity_bytes, " bytes but the tensor needs ", bytes);
  if (bytes > 0) std::memcpy(dst, cpu.data_ptr(), bytes);
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_dim(TensorHandle t) { return static_cast<int>(t->dim()); }
DSLAE_API void dslae_tensor_sizes(TensorHandle t, int64_t* out) {
  auto sizes = t->sizes();
  std::copy(sizes.begin(), sizes.end(), out);
}
DSLAE_API int64_t dslae_tensor_numel(TensorHandle t) { return t->numel(); }
DSLAE_API int dslae_tensor_dtype(TensorHandle t) { return static_cast<int>(t->scalar_type()); }
DSLAE_API int dslae_tensor_device_type(TensorHandle t) { return static_cast<int>(t->device().type()); }
DSLAE_API int dslae_tensor_device_index(TensorHandle t) { return t->device().index(); }
DSLAE_API int dslae_tensor_requires_grad(TensorHandle t) { return t->requires_grad() ? 1 : 0; }
DSLAE_API int dslae_tensor_is_leaf(TensorHandle t) { return t->is_leaf() ? 1 : 0; }

DSLAE_API int dslae_tensor_set_requires_grad(TensorHandle t, int on) {
  DSLAE_TRY
  t->requires_grad_(on != 0);
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_backward(TensorHandle t, TensorHandle gradient, int retain_graph) {
  DSLAE_TRY
  t->backward(dslae::tensor_or_undefined(gradient), retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt);
  DSLAE_CATCH
}

// *out stays null when the tensor has no gradient yet.
DSLAE_API int dslae_tensor_grad(TensorHandle t, TensorHandle* out) {
  DSLAE_TRY
  const auto& g = t->grad();
  *out = g.defined() ? wrap(g) : nullptr;
  DSLAE_CATCH
}

// Drops the accumulated gradient (PyTorch's zero_grad(set_to_none=True)).
DSLAE_API int dslae_tensor_clear_grad(TensorHandle t) {
  DSLAE_TRY
  t->mutable_grad() = at::Tensor();
  DSLAE_CATCH
}

// Swaps the storage behind `dst` for `src`'s (PyTorch's `param.data = ...`): every holder of `dst`
// (a module, an optimiser, a tied decoder layer) sees the new data, as Module.To needs.
DSLAE_API int dslae_tensor_set_data(TensorHandle dst, TensorHandle src) {
  DSLAE_TRY
  dst->set_data(*src);
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_to(TensorHandle t, int dtype, int device_type, int device_index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->to(dslae::options(dtype, device_type, device_index)));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_reshape(TensorHandle t, const int64_t* shape, int n, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->reshape(dslae::dims(shape, n)));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_view(TensorHandle t, const int64_t* shape, int n, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->view(dslae::dims(shape, n)));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_permute(TensorHandle t, const int64_t* order, int n, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->permute(dslae::dims(order, n)));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_expand(TensorHandle t, const int64_t* shape, int n, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->expand(dslae::dims(shape, n)));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_flatten(TensorHandle t, int64_t start, int64_t end, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->flatten(start, end));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_unflatten(TensorHandle t, int64_t dim, const int64_t* sizes, int n, TensorHandle* out) {
  DSLAE_TRY
  // Written with view so it compiles against 1.13 and 2.x alike (unflatten's signature changed).
  int64_t d = at::maybe_wrap_dim(dim, t->dim());
  std::vector<int64_t> shape(t->sizes().begin(), t->sizes().begin() + d);
  shape.insert(shape.end(), sizes, sizes + n);
  shape.insert(shape.end(), t->sizes().begin() + d + 1, t->sizes().end());
  *out = wrap(t->view(shape));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_squeeze(TensorHandle t, int64_t dim, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->squeeze(dim));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_unsqueeze(TensorHandle t, int64_t dim, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->unsqueeze(dim));
  DSLAE_CATCH
}

// `has_end` = 0 means "to the end of the dimension" (Python's x[a:]).
DSLAE_API int dslae_tensor_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int has_end, int64_t step,
                                 TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->slice(dim, start, has_end ? c10::optional<int64_t>(end) : c10::nullopt, step));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->narrow(dim, start, length));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_select(TensorHandle t, int64_t dim, int64_t index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->select(dim, index));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_transpose(TensorHandle t, int64_t a, int64_t b, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->transpose(a, b));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_index_select(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(t->index_select(dim, *index));
  DSLAE_CATCH
}

DSLAE_API int dslae_tensor_cat(const TensorHandle* items, int n, int64_t dim, int stack, TensorHandle* out) {
  DSLAE_TRY
  std::vector<at::Tensor> list;
  list.reserve(n);
  for (int i = 0; i < n; ++i) list.push_back(*items[i]);
  *out = wrap(stack ? at::stack(list, dim) : at::cat(list, dim));
  DSLAE_CATCH
}
