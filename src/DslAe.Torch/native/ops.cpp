// Elementwise arithmetic, reductions, creation and random sampling. Families of one-tensor ops share
// one entry point with an op code (the managed enums in NativeOps.cs mirror these numbers), which
// keeps the C ABI small without a per-op function for each of dozens of trivial wrappers.
#include <vector>

#include "shim.h"

using dslae::wrap;

namespace {

enum UnaryOp {
  kNeg = 0, kAbs, kSqrt, kExp, kLog, kRelu, kSigmoid, kTanh, kSilu, kSquare, kSign, kFloor, kCeil, kRound,
  kRsqrt, kLog1p, kExpm1, kSin, kCos, kSumAll, kMeanAll, kMaxAll, kMinAll, kContiguous, kClone, kDetach,
  kT, kZerosLike, kOnesLike, kRandnLike, kRandLike, kArgmaxAll, kReciprocal, kLogicalNot, kIsNan, kIsFinite,
  kStdAll, kVarAll, kProdAll, kAllTrue, kAnyTrue
};

at::Tensor unary(int op, const at::Tensor& x) {
  switch (op) {
    case kNeg: return at::neg(x);
    case kAbs: return at::abs(x);
    case kSqrt: return at::sqrt(x);
    case kExp: return at::exp(x);
    case kLog: return at::log(x);
    case kRelu: return at::relu(x);
    case kSigmoid: return at::sigmoid(x);
    case kTanh: return at::tanh(x);
    case kSilu: return at::silu(x);
    case kSquare: return at::square(x);
    case kSign: return at::sign(x);
    case kFloor: return at::floor(x);
    case kCeil: return at::ceil(x);
    case kRound: return at::round(x);
    case kRsqrt: return at::rsqrt(x);
    case kLog1p: return at::log1p(x);
    case kExpm1: return at::expm1(x);
    case kSin: return at::sin(x);
    case kCos: return at::cos(x);
    case kSumAll: return at::sum(x);
    case kMeanAll: return at::mean(x);
    case kMaxAll: return at::max(x);
    case kMinAll: return at::min(x);
    case kContiguous: return x.contiguous();
    case kClone: return x.clone();
    case kDetach: return x.detach();
    case kT: return x.t();
    case kZerosLike: return at::zeros_like(x);
    case kOnesLike: return at::ones_like(x);
    case kRandnLike: return at::randn_like(x);
    case kRandLike: return at::rand_like(x);
    case kArgmaxAll: return at::argmax(x);
    case kReciprocal: return at::reciprocal(x);
    case kLogicalNot: return at::logical_not(x);
    case kIsNan: return at::isnan(x);
    case kIsFinite: return at::isfinite(x);
    case kStdAll: return at::std(x);
    case kVarAll: return at::var(x);
    case kProdAll: return at::prod(x);
    case kAllTrue: return at::all(x);
    case kAnyTrue: return at::any(x);
  }
  TORCH_CHECK(false, "unknown unary op code ", op);
}

enum BinaryOp {
  kAdd = 0, kSub, kMul, kDiv, kPow, kMaximum, kMinimum, kEq, kNe, kLt, kLe, kGt, kGe, kMatmul, kRemainder,
  kRSub, kRDiv, kRPow, kAtan2
};

at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case kAdd: return at::add(a, b);
    case kSub: return at::sub(a, b);
    case kMul: return at::mul(a, b);
    case kDiv: return at::div(a, b);
    case kPow: return at::pow(a, b);
    case kMaximum: return at::maximum(a, b);
    case kMinimum: return at::minimum(a, b);
    case kEq: return at::eq(a, b);
    case kNe: return at::ne(a, b);
    case kLt: return at::lt(a, b);
    case kLe: return at::le(a, b);
    case kGt: return at::gt(a, b);
    case kGe: return at::ge(a, b);
    case kMatmul: return at::matmul(a, b);
    case kRemainder: return at::remainder(a, b);
    case kAtan2: return at::atan2(a, b);
  }
  TORCH_CHECK(false, "unknown binary op code ", op);
}

// Tensor-with-scalar forms; kRSub/kRDiv/kRPow are scalar-on-the-left (s - x, s / x, s ** x).
at::Tensor binary_scalar(int op, const at::Tensor& a, const at::Scalar& s) {
  switch (op) {
    case kAdd: return at::add(a, s);
    case kSub: return at::sub(a, s);
    case kMul: return at::mul(a, s);
    case kDiv: return at::div(a, s);
    case kPow: return at::pow(a, s);
    case kEq: return at::eq(a, s);
    case kNe: return at::ne(a, s);
    case kLt: return at::lt(a, s);
    case kLe: return at::le(a, s);
    case kGt: return at::gt(a, s);
    case kGe: return at::ge(a, s);
    case kRemainder: return at::remainder(a, s);
    case kRSub: return at::rsub(a, s);
    case kRDiv: return at::mul(at::reciprocal(a), s);
    case kRPow: return at::pow(s, a);
    case kMaximum: return at::clamp_min(a, s);
    case kMinimum: return at::clamp_max(a, s);
  }
  TORCH_CHECK(false, "unknown tensor-scalar op code ", op);
}

// Scalars cross the boundary as double. A whole number applied to an integer tensor becomes an
// integer scalar so that `long_tensor + 1` keeps its dtype as in PyTorch.
at::Scalar scalar(double value, const at::Tensor& like) {
  if (at::isIntegralType(like.scalar_type(), /*includeBool=*/false) && value == static_cast<double>(static_cast<int64_t>(value)))
    return at::Scalar(static_cast<int64_t>(value));
  return at::Scalar(value);
}

}  // namespace

DSLAE_API int dslae_unary(int op, TensorHandle x, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(unary(op, *x));
  DSLAE_CATCH
}

DSLAE_API int dslae_binary(int op, TensorHandle a, TensorHandle b, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(binary(op, *a, *b));
  DSLAE_CATCH
}

DSLAE_API int dslae_binary_scalar(int op, TensorHandle a, double s, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(binary_scalar(op, *a, scalar(s, *a)));
  DSLAE_CATCH
}

// In-place ops: a += alpha * b, a -= alpha * b, a *= b, a /= b, a.copy_(b).
enum InplaceOp { kAddInplace = 0, kSubInplace, kMulInplace, kDivInplace, kCopyInplace };

DSLAE_API int dslae_inplace(int op, TensorHandle a, TensorHandle b, double alpha) {
  DSLAE_TRY
  switch (op) {
    case kAddInplace: a->add_(*b, alpha); break;
    case kSubInplace: a->sub_(*b, alpha); break;
    case kMulInplace: a->mul_(*b); break;
    case kDivInplace: a->div_(*b); break;
    case kCopyInplace: a->copy_(*b); break;
    default: TORCH_CHECK(false, "unknown in-place op code ", op);
  }
  DSLAE_CATCH
}

enum InplaceScalarOp { kAddScalarInplace = 0, kSubScalarInplace, kMulScalarInplace, kDivScalarInplace, kFillInplace,
                       kClampMinInplace, kClampMaxInplace, kZeroInplace };

DSLAE_API int dslae_inplace_scalar(int op, TensorHandle a, double s) {
  DSLAE_TRY
  auto value = scalar(s, *a);
  switch (op) {
    case kAddScalarInplace: a->add_(value); break;
    case kSubScalarInplace: a->sub_(value); break;
    case kMulScalarInplace: a->mul_(value); break;
    case kDivScalarInplace: a->div_(value); break;
    case kFillInplace: a->fill_(value); break;
    case kClampMinInplace: a->clamp_min_(value); break;
    case kClampMaxInplace: a->clamp_max_(value); break;
    case kZeroInplace: a->zero_(); break;
    default: TORCH_CHECK(false, "unknown in-place scalar op code ", op);
  }
  DSLAE_CATCH
}

enum DimReduction { kSumDims = 0, kMeanDims, kAmaxDims, kAminDims, kStdDims, kVarDims };

DSLAE_API int dslae_reduce_dims(int op, TensorHandle x, const int64_t* dims, int n, int keepdim, TensorHandle* out) {
  DSLAE_TRY
  auto d = dslae::dims(dims, n);
  bool keep = keepdim != 0;
  switch (op) {
    case kSumDims: *out = wrap(at::sum(*x, d, keep)); break;
    case kMeanDims: *out = wrap(at::mean(*x, d, keep)); break;
    case kAmaxDims: *out = wrap(at::amax(*x, d, keep)); break;
    case kAminDims: *out = wrap(at::amin(*x, d, keep)); break;
    case kStdDims: *out = wrap(at::std(*x, d, /*unbiased=*/true, keep)); break;
    case kVarDims: *out = wrap(at::var(*x, d, /*unbiased=*/true, keep)); break;
    default: TORCH_CHECK(false, "unknown reduction op code ", op);
  }
  DSLAE_CATCH
}

DSLAE_API int dslae_argmax(TensorHandle x, int64_t dim, int keepdim, int is_min, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(is_min ? at::argmin(*x, dim, keepdim != 0) : at::argmax(*x, dim, keepdim != 0));
  DSLAE_CATCH
}

DSLAE_API int dslae_clamp(TensorHandle x, double min, int has_min, double max, int has_max, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::clamp(*x, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                        has_max ? c10::optional<at::Scalar>(max) : c10::nullopt));
  DSLAE_CATCH
}

DSLAE_API int dslae_where(TensorHandle condition, TensorHandle a, TensorHandle b, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::where(*condition, *a, *b));
  DSLAE_CATCH
}

enum Fill { kZeros = 0, kOnes, kFull, kRandn, kRand, kEmpty };

DSLAE_API int dslae_create(int kind, const int64_t* shape, int n, double value, int dtype, int device_type,
                           int device_index, TensorHandle* out) {
  DSLAE_TRY
  auto size = dslae::dims(shape, n);
  auto opts = dslae::options(dtype, device_type, device_index);
  switch (kind) {
    case kZeros: *out = wrap(at::zeros(size, opts)); break;
    case kOnes: *out = wrap(at::ones(size, opts)); break;
    case kFull: *out = wrap(at::full(size, value, opts)); break;
    case kRandn: *out = wrap(at::randn(size, opts)); break;
    case kRand: *out = wrap(at::rand(size, opts)); break;
    case kEmpty: *out = wrap(at::empty(size, opts)); break;
    default: TORCH_CHECK(false, "unknown creation kind ", kind);
  }
  DSLAE_CATCH
}

DSLAE_API int dslae_arange(double start, double end, double step, int dtype, int device_type, int device_index,
                           TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::arange(start, end, step, dslae::options(dtype, device_type, device_index)));
  DSLAE_CATCH
}

DSLAE_API int dslae_randperm(int64_t n, int dtype, int device_type, int device_index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::randperm(n, dslae::options(dtype, device_type, device_index)));
  DSLAE_CATCH
}

DSLAE_API int dslae_randint(int64_t low, int64_t high, const int64_t* shape, int n, int dtype, int device_type,
                            int device_index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::randint(low, high, dslae::dims(shape, n), dslae::options(dtype, device_type, device_index)));
  DSLAE_CATCH
}

DSLAE_API int dslae_normal(double mean, double std, const int64_t* shape, int n, int dtype, int device_type,
                           int device_index, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::normal(mean, std, dslae::dims(shape, n), c10::nullopt, dslae::options(dtype, device_type, device_index)));
  DSLAE_CATCH
}

// Samples 0/1 with the probabilities held in `p` (torch.bernoulli).
DSLAE_API int dslae_bernoulli(TensorHandle p, TensorHandle* out) {
  DSLAE_TRY
  *out = wrap(at::bernoulli(*p));
  DSLAE_CATCH
}

// In-place initialisers used by layer construction (nn.init equivalents).
DSLAE_API int dslae_uniform_(TensorHandle t, double low, double high) {
  DSLAE_TRY
  at::NoGradGuard no_grad;
  t->uniform_(low, high);
  DSLAE_CATCH
}

DSLAE_API int dslae_normal_(TensorHandle t, double mean, double std) {
  DSLAE_TRY
  at::NoGradGuard no_grad;
  t->normal_(mean, std);
  DSLAE_CATCH
}
