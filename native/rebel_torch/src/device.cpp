// Devices, threads, seeding and generators.
#include "shim.h"

#include <mutex>

RT_API int rt_cuda_is_available() { RT_TRY(0, return torch::cuda::is_available() ? 1 : 0;) }

RT_API int rt_cuda_device_count() { RT_TRY(0, return static_cast<int>(torch::cuda::device_count());) }

RT_API int rt_cuda_synchronize() {
  RT_TRY(-1, {
    if (torch::cuda::is_available()) torch::cuda::synchronize();
    return 0;
  })
}

RT_API const char* rt_torch_version() { return TORCH_VERSION; }

RT_API void rt_set_num_threads(int n) { torch::set_num_threads(n); }

RT_API int rt_get_num_threads() { return torch::get_num_threads(); }

// A fresh generator of the device's kind: cloning the default one avoids a compile-time CUDA dependency.
RT_API rt_generator rt_generator_new(uint64_t seed, int device_type, int device_index) {
  RT_TRY(nullptr, {
    auto device = rt::device(device_type, device_index);
    if (device.is_cuda() && !device.has_index()) device = c10::Device(c10::kCUDA, 0);
    auto base = at::globalContext().defaultGenerator(device);
    at::Generator gen;
    {
      std::lock_guard<std::mutex> lock(base.mutex());
      gen = base.clone();
    }
    gen.set_current_seed(seed);
    return new at::Generator(std::move(gen));
  })
}

RT_API void rt_generator_dispose(rt_generator gen) { delete gen; }

RT_API rt_tensor rt_generator_get_state(rt_generator gen) {
  RT_TRY(nullptr, {
    std::lock_guard<std::mutex> lock(gen->mutex());
    return rt::wrap(gen->get_state());
  })
}

RT_API int rt_generator_set_state(rt_generator gen, rt_tensor state) {
  RT_TRY(-1, {
    std::lock_guard<std::mutex> lock(gen->mutex());
    gen->set_state(*state);
    return 0;
  })
}
