// Internal helpers shared by the shim's translation units: handle wrapping, error capture, decoding of
// the small integer codes the managed side passes for dtypes and devices.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <exception>
#include <string>

#define RT_API extern "C" __attribute__((visibility("default")))

// Opaque handles: the managed side only ever sees these pointers.
typedef torch::Tensor* rt_tensor;
typedef torch::optim::AdamW* rt_optim;
typedef at::Generator* rt_generator;

namespace rt {

// Stores the message of the exception in flight as this thread's last error.
void set_error(const char* message);

inline rt_tensor wrap(torch::Tensor t) { return new torch::Tensor(std::move(t)); }

// Dtype codes are c10::ScalarType values (Int64 = 4, Float32 = 6, Bool = 11, BFloat16 = 15).
inline c10::ScalarType dtype(int code) { return static_cast<c10::ScalarType>(code); }

// Device codes are c10::DeviceType values (CPU = 0, CUDA = 1); index -1 means the current device.
inline c10::Device device(int type, int index) {
  return c10::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline torch::TensorOptions options(int dtype_code, int device_type, int device_index) {
  return torch::TensorOptions().dtype(dtype(dtype_code)).device(device(device_type, device_index));
}

inline c10::IntArrayRef ints(const int64_t* values, int count) {
  return c10::IntArrayRef(values, static_cast<size_t>(count));
}

inline std::vector<torch::Tensor> tensors(const rt_tensor* handles, int count) {
  std::vector<torch::Tensor> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(*handles[i]);
  return out;
}

}  // namespace rt

// Every export runs its body under RT_TRY: a libtorch error becomes the thread's last error and the
// export returns `fail`, so no C++ exception ever crosses the C ABI.
#define RT_TRY(fail, ...)                                   \
  try {                                                     \
    __VA_ARGS__                                             \
  } catch (const c10::Error& e) {                           \
    rt::set_error(e.what_without_backtrace());              \
  } catch (const std::exception& e) {                       \
    rt::set_error(e.what());                                \
  } catch (...) {                                           \
    rt::set_error("unknown native error");                  \
  }                                                         \
  return fail;
