// Autograd: requires_grad flags, backward, gradients, the grad-mode switch, gradient-norm clipping.
#include "shim.h"

RT_API int rt_set_requires_grad(rt_tensor t, int flag) {
  RT_TRY(-1, {
    t->set_requires_grad(flag != 0);
    return 0;
  })
}

RT_API int rt_requires_grad(rt_tensor t) { RT_TRY(-1, return t->requires_grad() ? 1 : 0;) }

RT_API int rt_backward(rt_tensor t) {
  RT_TRY(-1, {
    t->backward();
    return 0;
  })
}

// Returns null without an error when the tensor has no gradient yet.
RT_API rt_tensor rt_grad(rt_tensor t) {
  RT_TRY(nullptr, {
    const auto& g = t->grad();
    return g.defined() ? rt::wrap(g) : nullptr;
  })
}

// Grad mode is thread-local in libtorch; returns the previous mode so the managed scope can restore it.
RT_API int rt_set_grad_enabled(int enabled) {
  RT_TRY(-1, {
    const bool previous = torch::GradMode::is_enabled();
    torch::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
  })
}

RT_API int rt_is_grad_enabled() { return torch::GradMode::is_enabled() ? 1 : 0; }

// Scales the gradients of the parameters so their joint 2-norm is at most max_norm; returns the norm
// before clipping.
RT_API double rt_clip_grad_norm(const rt_tensor* params, int n, double max_norm) {
  RT_TRY(-1.0, return torch::nn::utils::clip_grad_norm_(rt::tensors(params, n), max_norm, 2.0);)
}
