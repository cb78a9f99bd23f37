// Tensor lifetime, creation, copy in/out, metadata, and the thread-local last-error channel.
#include "shim.h"

#include <cstdlib>
#include <cstring>

namespace {
thread_local char* last_error = nullptr;
}

void rt::set_error(const char* message) {
  std::free(last_error);
  last_error = strdup(message);
}

// Hands the last error (or null) to the caller, who frees it with rt_free_string; the slot is cleared
// so a stale message can never be reported twice.
RT_API char* rt_take_error() {
  char* message = last_error;
  last_error = nullptr;
  return message;
}

RT_API void rt_free_string(char* s) { std::free(s); }

RT_API void rt_tensor_dispose(rt_tensor t) { delete t; }

RT_API rt_tensor rt_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype) {
  RT_TRY(nullptr, {
    auto view = torch::from_blob(const_cast<void*>(data), rt::ints(shape, ndim), rt::options(dtype, 0, -1));
    return rt::wrap(view.clone());
  })
}

RT_API rt_tensor rt_tensor_full(const int64_t* shape, int ndim, double value, int dtype, int device_type,
                                int device_index) {
  RT_TRY(nullptr, return rt::wrap(torch::full(rt::ints(shape, ndim), value,
                                              rt::options(dtype, device_type, device_index)));)
}

RT_API rt_tensor rt_tensor_arange(int64_t end, int dtype, int device_type, int device_index) {
  RT_TRY(nullptr, return rt::wrap(torch::arange(end, rt::options(dtype, device_type, device_index)));)
}

RT_API rt_tensor rt_tensor_randn(const int64_t* shape, int ndim, rt_generator gen, int dtype, int device_type,
                                 int device_index) {
  RT_TRY(nullptr, return rt::wrap(at::randn(rt::ints(shape, ndim), *gen,
                                            rt::options(dtype, device_type, device_index)));)
}

RT_API rt_tensor rt_tensor_rand(const int64_t* shape, int ndim, rt_generator gen, int dtype, int device_type,
                                int device_index) {
  RT_TRY(nullptr, return rt::wrap(at::rand(rt::ints(shape, ndim), *gen,
                                           rt::options(dtype, device_type, device_index)));)
}

// Copies the tensor's elements (moved to CPU, made contiguous) into dst; nbytes must match exactly so a
// managed buffer of the wrong size is an error, not an overrun.
RT_API int rt_tensor_copy_out(rt_tensor t, void* dst, int64_t nbytes) {
  RT_TRY(-1, {
    auto c = t->detach().to(torch::kCPU).contiguous();
    const int64_t size = c.numel() * static_cast<int64_t>(c.element_size());
    TORCH_CHECK(size == nbytes, "copy_out: tensor holds ", size, " bytes, buffer has ", nbytes);
    std::memcpy(dst, c.data_ptr(), static_cast<size_t>(size));
    return 0;
  })
}

// In-place copy with autograd disabled: used to load saved values into existing parameters.
RT_API int rt_tensor_copy_(rt_tensor dst, rt_tensor src) {
  RT_TRY(-1, {
    torch::NoGradGuard no_grad;
    dst->copy_(*src);
    return 0;
  })
}

RT_API double rt_tensor_item(rt_tensor t) { RT_TRY(0.0, return t->item<double>();) }

RT_API int rt_tensor_dim(rt_tensor t) { RT_TRY(-1, return static_cast<int>(t->dim());) }

RT_API int rt_tensor_shape(rt_tensor t, int64_t* out, int capacity) {
  RT_TRY(-1, {
    const auto sizes = t->sizes();
    TORCH_CHECK(static_cast<int>(sizes.size()) <= capacity, "shape: buffer too small");
    for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
    return static_cast<int>(sizes.size());
  })
}

RT_API int rt_tensor_dtype(rt_tensor t) { RT_TRY(-1, return static_cast<int>(t->scalar_type());) }

RT_API int rt_tensor_device_type(rt_tensor t) { RT_TRY(-1, return static_cast<int>(t->device().type());) }

RT_API int rt_tensor_device_index(rt_tensor t) { RT_TRY(-1, return static_cast<int>(t->device().index());) }

RT_API rt_tensor rt_tensor_to(rt_tensor t, int dtype, int device_type, int device_index) {
  RT_TRY(nullptr, return rt::wrap(t->to(rt::device(device_type, device_index), rt::dtype(dtype)));)
}

RT_API rt_tensor rt_tensor_clone(rt_tensor t) { RT_TRY(nullptr, return rt::wrap(t->clone());) }

RT_API rt_tensor rt_tensor_detach(rt_tensor t) { RT_TRY(nullptr, return rt::wrap(t->detach());) }
