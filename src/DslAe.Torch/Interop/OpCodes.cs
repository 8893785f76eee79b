namespace DslAe.Torch.Interop;

// Op codes of the shim's multi-op entry points. The numbers must match the enums of the same
// names in native/ops.cpp and native/functional.cpp.

internal enum UnaryOp
{
    Neg, Abs, Sqrt, Exp, Log, Relu, Sigmoid, Tanh, Silu, Square, Sign, Floor, Ceil, Round,
    Rsqrt, Log1p, Expm1, Sin, Cos, SumAll, MeanAll, MaxAll, MinAll, Contiguous, Clone, Detach,
    T, ZerosLike, OnesLike, RandnLike, RandLike, ArgmaxAll, Reciprocal, LogicalNot, IsNan, IsFinite,
    StdAll, VarAll, ProdAll, AllTrue, AnyTrue,
}

internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, Matmul, Remainder,
    RSub, RDiv, RPow, Atan2,
}

internal enum InplaceOp { Add, Sub, Mul, Div, Copy }

internal enum InplaceScalarOp { Add, Sub, Mul, Div, Fill, ClampMin, ClampMax, Zero }

internal enum DimReduction { Sum, Mean, Amax, Amin, Std, Var }

internal enum CreateKind { Zeros, Ones, Full, Randn, Rand, Empty }

internal enum ActivationKind { LeakyRelu, Elu, Gelu, GeluTanh, Softmax, LogSoftmax, Hardtanh, Softplus }

internal enum LossKind { Mse, L1, SmoothL1, Bce, BceWithLogits, CrossEntropy, Nll, KlDiv, Huber }
