// The tensor operations the managed models need; each returns a new handle or null with the last error set.
#include "shim.h"

#define RT_UNARY(name, expr) \
  RT_API rt_tensor rt_##name(rt_tensor a) { RT_TRY(nullptr, return rt::wrap(expr);) }
#define RT_BINARY(name, expr) \
  RT_API rt_tensor rt_##name(rt_tensor a, rt_tensor b) { RT_TRY(nullptr, return rt::wrap(expr);) }
#define RT_SCALAR(name, expr) \
  RT_API rt_tensor rt_##name(rt_tensor a, double s) { RT_TRY(nullptr, return rt::wrap(expr);) }
#define RT_DIM(name, expr) \
  RT_API rt_tensor rt_##name(rt_tensor a, int64_t dim) { RT_TRY(nullptr, return rt::wrap(expr);) }
#define RT_DIMS_KEEP(name, expr)                                                   \
  RT_API rt_tensor rt_##name(rt_tensor a, const int64_t* dims, int n, int keep) { \
    RT_TRY(nullptr, return rt::wrap(expr);)                                        \
  }

RT_UNARY(neg, a->neg())
RT_UNARY(exp, a->exp())
RT_UNARY(log, a->log())
RT_UNARY(sqrt, a->sqrt())
RT_UNARY(tanh, a->tanh())
RT_UNARY(relu, a->relu())
RT_UNARY(gelu, torch::gelu(*a))
RT_UNARY(sigmoid, a->sigmoid())
RT_UNARY(logsigmoid, torch::log_sigmoid(*a))
RT_UNARY(contiguous, a->contiguous())
RT_UNARY(sum_all, a->sum())
RT_UNARY(mean_all, a->mean())

RT_BINARY(add, *a + *b)
RT_BINARY(sub, *a - *b)
RT_BINARY(mul, *a * *b)
RT_BINARY(div, *a / *b)
RT_BINARY(matmul, a->matmul(*b))
RT_BINARY(maximum, torch::maximum(*a, *b))
RT_BINARY(eq, a->eq(*b))
RT_BINARY(le, a->le(*b))
RT_BINARY(embedding, torch::embedding(*a, *b))

RT_SCALAR(add_scalar, *a + s)
RT_SCALAR(mul_scalar, *a * s)
RT_SCALAR(div_scalar, *a / s)
RT_SCALAR(pow_scalar, a->pow(s))
RT_SCALAR(gt_scalar, a->gt(s))

RT_DIM(softmax, torch::softmax(*a, dim))
RT_DIM(log_softmax, torch::log_softmax(*a, dim))
RT_DIM(cumsum, a->cumsum(dim))
RT_DIM(unsqueeze, a->unsqueeze(dim))
RT_DIM(squeeze, a->squeeze(dim))
RT_DIM(triu, a->triu(dim))
RT_DIM(tril, a->tril(dim))

RT_DIMS_KEEP(sum, a->sum(rt::ints(dims, n), keep != 0))
RT_DIMS_KEEP(mean, a->mean(rt::ints(dims, n), keep != 0))
RT_DIMS_KEEP(logsumexp, a->logsumexp(rt::ints(dims, n), keep != 0))

RT_API rt_tensor rt_argmax(rt_tensor a, int64_t dim, int keep) {
  RT_TRY(nullptr, return rt::wrap(a->argmax(dim, keep != 0));)
}

RT_API rt_tensor rt_reshape(rt_tensor a, const int64_t* shape, int n) {
  RT_TRY(nullptr, return rt::wrap(a->reshape(rt::ints(shape, n)));)
}

RT_API rt_tensor rt_view(rt_tensor a, const int64_t* shape, int n) {
  RT_TRY(nullptr, return rt::wrap(a->view(rt::ints(shape, n)));)
}

RT_API rt_tensor rt_expand(rt_tensor a, const int64_t* shape, int n) {
  RT_TRY(nullptr, return rt::wrap(a->expand(rt::ints(shape, n)));)
}

RT_API rt_tensor rt_permute(rt_tensor a, const int64_t* dims, int n) {
  RT_TRY(nullptr, return rt::wrap(a->permute(rt::ints(dims, n)));)
}

RT_API rt_tensor rt_transpose(rt_tensor a, int64_t d0, int64_t d1) {
  RT_TRY(nullptr, return rt::wrap(a->transpose(d0, d1));)
}

RT_API rt_tensor rt_narrow(rt_tensor a, int64_t dim, int64_t start, int64_t length) {
  RT_TRY(nullptr, return rt::wrap(a->narrow(dim, start, length));)
}

RT_API rt_tensor rt_cat(const rt_tensor* parts, int n, int64_t dim) {
  RT_TRY(nullptr, return rt::wrap(torch::cat(rt::tensors(parts, n), dim));)
}

RT_API rt_tensor rt_stack(const rt_tensor* parts, int n, int64_t dim) {
  RT_TRY(nullptr, return rt::wrap(torch::stack(rt::tensors(parts, n), dim));)
}

RT_API rt_tensor rt_index_select(rt_tensor a, int64_t dim, rt_tensor index) {
  RT_TRY(nullptr, return rt::wrap(a->index_select(dim, *index));)
}

RT_API rt_tensor rt_gather(rt_tensor a, int64_t dim, rt_tensor index) {
  RT_TRY(nullptr, return rt::wrap(a->gather(dim, *index));)
}

RT_API rt_tensor rt_masked_fill(rt_tensor a, rt_tensor mask, double value) {
  RT_TRY(nullptr, return rt::wrap(a->masked_fill(*mask, value));)
}

RT_API rt_tensor rt_where(rt_tensor cond, rt_tensor a, rt_tensor b) {
  RT_TRY(nullptr, return rt::wrap(torch::where(*cond, *a, *b));)
}

// weight and bias may be null (no affine part / no bias).
RT_API rt_tensor rt_layer_norm(rt_tensor a, const int64_t* shape, int n, rt_tensor weight, rt_tensor bias,
                               double eps) {
  RT_TRY(nullptr, {
    c10::optional<torch::Tensor> w, b;
    if (weight) w = *weight;
    if (bias) b = *bias;
    return rt::wrap(torch::layer_norm(*a, rt::ints(shape, n), w, b, eps));
  })
}

RT_API rt_tensor rt_linear(rt_tensor a, rt_tensor weight, rt_tensor bias) {
  RT_TRY(nullptr, {
    c10::optional<torch::Tensor> b;
    if (bias) b = *bias;
    return rt::wrap(torch::linear(*a, *weight, b));
  })
}

RT_API rt_tensor rt_multinomial(rt_tensor probs, int64_t samples, int replacement, rt_generator gen) {
  RT_TRY(nullptr, return rt::wrap(at::multinomial(*probs, samples, replacement != 0, *gen));)
}
