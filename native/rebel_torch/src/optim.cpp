// AdamW (decoupled weight decay) over a fixed list of parameters.
#include "shim.h"

RT_API rt_optim rt_adamw_new(const rt_tensor* params, int n, double lr, double beta1, double beta2, double eps,
                             double weight_decay) {
  RT_TRY(nullptr, {
    auto options = torch::optim::AdamWOptions(lr)
                       .betas(std::make_tuple(beta1, beta2))
                       .eps(eps)
                       .weight_decay(weight_decay);
    return new torch::optim::AdamW(rt::tensors(params, n), options);
  })
}

RT_API void rt_adamw_dispose(rt_optim opt) { delete opt; }

RT_API int rt_adamw_step(rt_optim opt) {
  RT_TRY(-1, {
    opt->step();
    return 0;
  })
}

// set_to_none releases the gradient buffers instead of zero-filling them, as PyTorch does by default.
RT_API int rt_adamw_zero_grad(rt_optim opt, int set_to_none) {
  RT_TRY(-1, {
    if (set_to_none) {
      for (auto& group : opt->param_groups())
        for (auto& p : group.params()) p.mutable_grad().reset();
    } else {
      opt->zero_grad();
    }
    return 0;
  })
}
