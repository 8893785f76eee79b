// Fused per-parameter optimiser steps. Each is the exact op sequence of torch.optim's
// single-tensor implementation in PyTorch 1.13 (the CPU default path), so results agree bit for bit
// with Python on the same libtorch. Run without autograd recording.
#include <cmath>

#include "shim.h"

// SGD with momentum/dampening/nesterov/weight decay. `*momentum_buffer` is null before the first
// step; the step creates it (PyTorch clones the first gradient instead of applying dampening).
DSLAE_API int dslae_sgd_step(TensorHandle param, TensorHandle grad, TensorHandle* momentum_buffer, double lr,
                             double momentum, double dampening, double weight_decay, int nesterov, int maximize) {
  DSLAE_TRY
  at::NoGradGuard no_grad;
  at::Tensor d_p = maximize ? -*grad : *grad;
  if (weight_decay != 0) d_p = d_p.add(*param, weight_decay);
  if (momentum != 0) {
    if (*momentum_buffer == nullptr) {
      *momentum_buffer = dslae::wrap(d_p.clone().detach());
    } else {
      (*momentum_buffer)->mul_(momentum).add_(d_p, 1 - dampening);
    }
    d_p = nesterov ? d_p.add(**momentum_buffer, momentum) : **momentum_buffer;
  }
  param->add_(d_p, -lr);
  DSLAE_CATCH
}

// Adam (decoupled = 0) and AdamW (decoupled = 1). `step` is the step count after this update
// (1 on the first call). `max_exp_avg_sq` is null unless amsgrad.
DSLAE_API int dslae_adam_step(TensorHandle param, TensorHandle grad, TensorHandle exp_avg, TensorHandle exp_avg_sq,
                              TensorHandle max_exp_avg_sq, int64_t step, double lr, double beta1, double beta2,
                              double eps, double weight_decay, int decoupled, int maximize) {
  DSLAE_TRY
  at::NoGradGuard no_grad;
  at::Tensor g = maximize ? -*grad : *grad;
  if (decoupled) {
    param->mul_(1 - lr * weight_decay);
  } else if (weight_decay != 0) {
    g = g.add(*param, weight_decay);
  }
  exp_avg->mul_(beta1).add_(g, 1 - beta1);
  exp_avg_sq->mul_(beta2).addcmul_(g, g, 1 - beta2);
  double s = static_cast<double>(step);
  double bias_correction1 = 1 - std::pow(beta1, s);
  double bias_correction2 = 1 - std::pow(beta2, s);
  double step_size = lr / bias_correction1;
  double bias_correction2_sqrt = std::sqrt(bias_correction2);
  at::Tensor denom;
  if (max_exp_avg_sq != nullptr) {
    at::maximum_out(*max_exp_avg_sq, *max_exp_avg_sq, *exp_avg_sq);
    denom = (max_exp_avg_sq->sqrt() / bias_correction2_sqrt).add_(eps);
  } else {
    denom = (exp_avg_sq->sqrt() / bias_correction2_sqrt).add_(eps);
  }
  param->addcdiv_(*exp_avg, denom, -step_size);
  DSLAE_CATCH
}
