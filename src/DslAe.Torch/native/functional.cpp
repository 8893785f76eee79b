// torch.nn.functional: convolutions, pooling, resampling, normalisation, activations and losses.
// Pairs such as kernel/stride/padding arrive as int64[2] (H, W) arrays.
#include <cmath>

#include "shim.h"

using dslae::optional_tensor;
using dslae::wrap;

namespace {
at::IntArrayRef pair(const int64_t* values) { return at::IntArrayRef(values, 2); }
}  // namespace

DSLAE_API int dslae_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, const int64_t* stride,
                           const int64_t* padding, const int64_t* dilation, int64_t groups, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::conv2d(*x, *w, optional_tensor(b), pair(stride), pair(padding), pair(dilation), groups));
  DSLAE_CATCH
}

DSLAE_API int dslae_conv_transpose2d(TensorHandle x, TensorHandle w, TensorHandle b, const int64_t* stride,
                                     const int64_t* padding, const int64_t* output_padding, int64_t groups,
                                     const int64_t* dilation, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::conv_transpose2d(*x, *w, optional_tensor(b), pair(stride), pair(padding), pair(output_padding),
                                   groups, pair(dilation)));
  DSLAE_CATCH
}

DSLAE_API int dslae_max_pool2d_with_indices(TensorHandle x, const int64_t* kernel, const int64_t* stride,
                                            const int64_t* padding, const int64_t* dilation, int ceil_mode,
                                            TensorHandle* out, TensorHandle* indices) {
  DSLAE_TRY
  auto result = at::max_pool2d_with_indices(*x, pair(kernel), pair(stride), pair(padding), pair(dilation), ceil_mode != 0);
  *out = wrap(std::get<0>(result));
  *indices = wrap(std::get<1>(result));
  DSLAE_CATCH
}

DSLAE_API int dslae_max_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                               const int64_t* dilation, int ceil_mode, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::max_pool2d(*x, pair(kernel), pair(stride), pair(padding), pair(dilation), ceil_mode != 0));
  DSLAE_CATCH
}

DSLAE_API int dslae_max_unpool2d(TensorHandle x, TensorHandle indices, const int64_t* output_size, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::max_unpool2d(*x, *indices, pair(output_size)));
  DSLAE_CATCH
}

DSLAE_API int dslae_avg_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                               int ceil_mode, int count_include_pad, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::avg_pool2d(*x, pair(kernel), pair(stride), pair(padding), ceil_mode != 0, count_include_pad != 0));
  DSLAE_CATCH
}

DSLAE_API int dslae_adaptive_avg_pool2d(TensorHandle x, const int64_t* output_size, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::adaptive_avg_pool2d(*x, pair(output_size)));
  DSLAE_CATCH
}

enum InterpolationMode { kNearest = 0, kBilinear, kBicubic };

// Either `size` (has_size = 1) or `scale` drives the output size. With a scale, the output is
// floor(in * scale) and the scale itself is handed to the kernel, as F.interpolate does when
// recompute_scale_factor is left unset.
DSLAE_API int dslae_interpolate(TensorHandle x, const int64_t* size, int has_size, const double* scale, int mode,
                                int align_corners, TensorHandle* out) {
  DSLAE_TRY
  TORCH_CHECK(x->dim() == 4, "interpolate expects a 4-D (N, C, H, W) input, got ", x->dim(), "-D");
  int64_t out_h, out_w;
  c10::optional<double> scale_h, scale_w;
  if (has_size) {
    out_h = size[0];
    out_w = size[1];
  } else {
    out_h = static_cast<int64_t>(std::floor(static_cast<double>(x->size(2)) * scale[0]));
    out_w = static_cast<int64_t>(std::floor(static_cast<double>(x->size(3)) * scale[1]));
    scale_h = scale[0];
    scale_w = scale[1];
  }
  std::array<int64_t, 2> output_size{out_h, out_w};
  bool corners = align_corners != 0;
  switch (mode) {
    case kNearest:
      TORCH_CHECK(!corners, "align_corners applies only to bilinear and bicubic interpolation, not nearest");
      *out = wrap(at::upsample_nearest2d(*x, output_size, scale_h, scale_w));
      break;
    case kBilinear: *out = wrap(at::upsample_bilinear2d(*x, output_size, corners, scale_h, scale_w)); break;
    case kBicubic: *out = wrap(at::upsample_bicubic2d(*x, output_size, corners, scale_h, scale_w)); break;
    default: TORCH_CHECK(false, "unknown interpolation mode ", mode);
  }
  DSLAE_CATCH
}

DSLAE_API int dslae_pixel_shuffle(TensorHandle x, int64_t factor, int inverse, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(inverse ? at::pixel_unshuffle(*x, factor) : at::pixel_shuffle(*x, factor));
  DSLAE_CATCH
}

enum PadMode { kConstant = 0, kReflect, kReplicate, kCircular };

// pads = {left, right, top, bottom}, F.pad's order for the last two dimensions.
DSLAE_API int dslae_pad(TensorHandle x, const int64_t* pads, int mode, double value, TensorHandle* out) {
  DSLAE_TRY
  at::IntArrayRef p(pads, 4);
  switch (mode) {
    case kConstant: *out = wrap(at::constant_pad_nd(*x, p, value)); break;
    case kReflect: *out = wrap(at::reflection_pad2d(*x, p)); break;
    case kReplicate: *out = wrap(at::replication_pad2d(*x, p)); break;
    case kCircular: {
      // Circular padding is two concatenations; written out because at::_pad_circular is not public in 1.13.
      TORCH_CHECK(x->dim() >= 2, "circular padding needs at least 2 dimensions");
      int64_t h = x->dim() - 2, w = x->dim() - 1;
      TORCH_CHECK(pads[0] <= x->size(w) && pads[1] <= x->size(w) && pads[2] <= x->size(h) && pads[3] <= x->size(h),
                  "circular padding larger than the input");
      auto y = at::cat({x->narrow(w, x->size(w) - pads[0], pads[0]), *x, x->narrow(w, 0, pads[1])}, w);
      y = at::cat({y.narrow(h, y.size(h) - pads[2], pads[2]), y, y.narrow(h, 0, pads[3])}, h);
      *out = wrap(y);
      break;
    }
    default: TORCH_CHECK(false, "unknown padding mode ", mode);
  }
  DSLAE_CATCH
}

DSLAE_API int dslae_linear(TensorHandle x, TensorHandle w, TensorHandle b, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::linear(*x, *w, optional_tensor(b)));
  DSLAE_CATCH
}

DSLAE_API int dslae_batch_norm(TensorHandle x, TensorHandle running_mean, TensorHandle running_var, TensorHandle weight,
                               TensorHandle bias, int training, double momentum, double eps, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::batch_norm(*x, optional_tensor(weight), optional_tensor(bias), optional_tensor(running_mean),
                             optional_tensor(running_var), training != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  DSLAE_CATCH
}

DSLAE_API int dslae_group_norm(TensorHandle x, int64_t groups, TensorHandle weight, TensorHandle bias, double eps,
                               TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::group_norm(*x, groups, optional_tensor(weight), optional_tensor(bias), eps,
                             at::globalContext().userEnabledCuDNN()));
  DSLAE_CATCH
}

DSLAE_API int dslae_layer_norm(TensorHandle x, const int64_t* shape, int n, TensorHandle weight, TensorHandle bias,
                               double eps, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::layer_norm(*x, dslae::dims(shape, n), optional_tensor(weight), optional_tensor(bias), eps,
                             at::globalContext().userEnabledCuDNN()));
  DSLAE_CATCH
}

DSLAE_API int dslae_dropout(TensorHandle x, double p, int training, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::dropout(*x, p, training != 0));
  DSLAE_CATCH
}

enum Activation { kLeakyRelu = 0, kElu, kGelu, kGeluTanh, kSoftmax, kLogSoftmax, kHardtanh, kSoftplus };

// One entry point for activations that take a parameter (slope, alpha, dim, ...).
DSLAE_API int dslae_activation(int kind, TensorHandle x, double a, double b, TensorHandle* out) {
  DSLAE_TRY
  switch (kind) {
    case kLeakyRelu: *out = wrap(at::leaky_relu(*x, a)); break;
    case kElu: *out = wrap(at::elu(*x, a)); break;
    case kGelu: *out = wrap(at::gelu(*x, "none")); break;
    case kGeluTanh: *out = wrap(at::gelu(*x, "tanh")); break;
    case kSoftmax: *out = wrap(at::softmax(*x, static_cast<int64_t>(a))); break;
    case kLogSoftmax: *out = wrap(at::log_softmax(*x, static_cast<int64_t>(a))); break;
    case kHardtanh: *out = wrap(at::hardtanh(*x, a, b)); break;
    case kSoftplus: *out = wrap(at::softplus(*x, a, b)); break;
    default: TORCH_CHECK(false, "unknown activation ", kind);
  }
  DSLAE_CATCH
}

enum Loss { kMse = 0, kL1, kSmoothL1, kBce, kBceWithLogits, kCrossEntropy, kNll, kKlDiv, kHuber };

// `reduction` uses at::Reduction's numbering: 0 none, 1 mean, 2 sum. `weight` and `extra` are
// optional (class weights; pos_weight for BCE-with-logits). `a` carries beta (smooth L1/Huber),
// label smoothing (cross entropy) or log_target (KL); `index` is ignore_index.
DSLAE_API int dslae_loss(int kind, TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle extra,
                         int reduction, double a, int64_t index, TensorHandle* out) {
  DSLAE_TRY
  const auto& x = *input;
  const auto& y = *target;
  switch (kind) {
    case kMse: *out = wrap(at::mse_loss(x, y, reduction)); break;
    case kL1: *out = wrap(at::l1_loss(x, y, reduction)); break;
    case kSmoothL1: *out = wrap(at::smooth_l1_loss(x, y, reduction, a)); break;
    case kHuber: *out = wrap(at::huber_loss(x, y, reduction, a)); break;
    case kBce: *out = wrap(at::binary_cross_entropy(x, y, optional_tensor(weight), reduction)); break;
    case kBceWithLogits:
      *out = wrap(at::binary_cross_entropy_with_logits(x, y, optional_tensor(weight), optional_tensor(extra), reduction));
      break;
    case kCrossEntropy: *out = wrap(at::cross_entropy_loss(x, y, optional_tensor(weight), reduction, index, a)); break;
    case kNll: *out = wrap(at::nll_loss_nd(x, y, optional_tensor(weight), reduction, index)); break;
    case kKlDiv: *out = wrap(at::kl_div(x, y, reduction, a != 0)); break;
    default: TORCH_CHECK(false, "unknown loss ", kind);
  }
  DSLAE_CATCH
}
