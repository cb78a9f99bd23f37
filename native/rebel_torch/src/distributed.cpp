// c10d: a process group (Gloo on CPU; NCCL when built with RT_NCCL against a CUDA PyTorch) over a TCP store, and
// the collectives data-parallel training needs: gradients all-reduced in a few flat buckets, broadcast, barrier.
// Built without Gloo's headers (RT_GLOO undefined), every export fails with one message saying so.
#include "shim.h"

#ifdef RT_GLOO
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef RT_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

struct rt_group_s {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroup> group;
};
#else
struct rt_group_s {};
#endif
typedef rt_group_s* rt_group;

#ifdef RT_GLOO
namespace {

// Waits for a collective; a peer that died or stalled surfaces here as c10d's timeout or connection error.
void finish(const c10::intrusive_ptr<c10d::Work>& work) {
  if (!work->wait()) throw std::runtime_error("a collective operation was aborted");
}

// Groups tensors into buckets of at most `bucket_bytes` (a tensor larger than that is a bucket alone), in order.
std::vector<std::vector<torch::Tensor>> buckets(const std::vector<torch::Tensor>& tensors, int64_t bucket_bytes) {
  std::vector<std::vector<torch::Tensor>> out;
  int64_t filled = 0;
  for (const auto& t : tensors) {
    const int64_t bytes = t.numel() * static_cast<int64_t>(t.element_size());
    if (out.empty() || filled + bytes > bucket_bytes || out.back().front().scalar_type() != t.scalar_type() ||
        out.back().front().device() != t.device()) {
      out.emplace_back();
      filled = 0;
    }
    out.back().push_back(t);
    filled += bytes;
  }
  return out;
}

}  // namespace
#endif

#ifdef RT_GLOO
#define RT_DIST(fail, ...) RT_TRY(fail, __VA_ARGS__)
#else
#define RT_DIST(fail, ...)                                                                          \
  rt::set_error("the shim was built without c10d's Gloo headers (install libgloo-dev and rebuild it)"); \
  return fail;
#endif

// Joins the group of `world` processes as `rank`. The store is a TCP store at host:port: rank 0 serves it, unless
// `agent_store` (torchrun hosts it; every rank is a client). `prefix` (may be empty) namespaces the keys, as torchrun's
// "/worker/attempt_N". backend: 0 Gloo, 1 NCCL. Every operation of the group gives up after timeout_ms.
RT_API rt_group rt_group_new(const char* host, int port, int rank, int world, int agent_store, const char* prefix,
                             int backend, int64_t timeout_ms) {
  RT_DIST(nullptr, {
    const auto timeout = std::chrono::milliseconds(timeout_ms);
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(port);
    options.isServer = !agent_store && rank == 0;
    options.numWorkers = agent_store ? c10::nullopt : c10::optional<std::size_t>(static_cast<std::size_t>(world));
    options.waitWorkers = !agent_store;
    options.timeout = timeout;
    options.multiTenant = true;
    c10::intrusive_ptr<c10d::Store> store = c10::make_intrusive<c10d::TCPStore>(host, options);
    if (prefix != nullptr && prefix[0] != '\0') store = c10::make_intrusive<c10d::PrefixStore>(prefix, store);
    store->setTimeout(timeout);
    auto group = std::make_unique<rt_group_s>();
    group->store = store;
    if (backend == 1) {
#ifdef RT_NCCL
      auto nccl = c10d::ProcessGroupNCCL::Options::create();
      nccl->timeout = timeout;
      group->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, world, nccl);
#else
      throw std::runtime_error("NCCL: the shim was built without it (build it against a CUDA PyTorch: scripts/gpu/)");
#endif
    } else {
      auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
      gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(host));
      group->group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, world, gloo);
    }
    return group.release();
  })
}

RT_API void rt_group_dispose(rt_group g) { delete g; }

RT_API int rt_group_rank(rt_group g) { RT_DIST(-1, return g->group->getRank();) }

RT_API int rt_group_size(rt_group g) { RT_DIST(-1, return g->group->getSize();) }

// Sums the gradients of `params` over the group and divides by its size, as DDP does: the gradients of each bucket of
// at most bucket_bytes are flattened into one tensor, all buckets' all-reduces are started before any is awaited, and
// the results are copied back. A parameter without a gradient takes part as zeros (and gets one), so that every rank
// sends the same buckets.
RT_API int rt_group_all_reduce_grads(rt_group g, const rt_tensor* params, int n, int64_t bucket_bytes) {
  RT_DIST(-1, {
    std::vector<torch::Tensor> grads;
    grads.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      auto& p = *params[i];
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      grads.push_back(p.grad());
    }
    const double size = g->group->getSize();
    std::vector<std::pair<std::vector<torch::Tensor>, c10::intrusive_ptr<c10d::Work>>> pending;
    for (auto& bucket : buckets(grads, bucket_bytes)) {
      std::vector<torch::Tensor> flat{torch::cat(
          [&] {
            std::vector<torch::Tensor> views;
            for (auto& t : bucket) views.push_back(t.reshape({-1}));
            return views;
          }())};
      auto work = g->group->allreduce(flat);
      bucket.push_back(flat[0]);
      pending.emplace_back(std::move(bucket), work);
    }
    torch::NoGradGuard no_grad;
    for (auto& [bucket, work] : pending) {
      finish(work);
      auto flat = bucket.back().div_(size);
      int64_t offset = 0;
      for (size_t i = 0; i + 1 < bucket.size(); ++i) {
        auto& t = bucket[i];
        t.copy_(flat.narrow(0, offset, t.numel()).view_as(t));
        offset += t.numel();
      }
    }
    return 0;
  })
}

// Replaces every tensor by rank `root`'s, in place (one flat bucket per dtype and device run).
RT_API int rt_group_broadcast(rt_group g, const rt_tensor* tensors, int n, int root) {
  RT_DIST(-1, {
    torch::NoGradGuard no_grad;
    for (auto& bucket : buckets(rt::tensors(tensors, n), std::numeric_limits<int64_t>::max())) {
      std::vector<torch::Tensor> views;
      for (auto& t : bucket) views.push_back(t.detach().reshape({-1}));
      std::vector<torch::Tensor> flat{torch::cat(views)};
      c10d::BroadcastOptions options;
      options.rootRank = root;
      finish(g->group->broadcast(flat, options));
      int64_t offset = 0;
      for (auto& t : bucket) {
        t.detach().copy_(flat[0].narrow(0, offset, t.numel()).view_as(t));
        offset += t.numel();
      }
    }
    return 0;
  })
}

// Sums a float64 vector over the group, in place (small reductions: loss, counts).
RT_API int rt_group_all_reduce_doubles(rt_group g, double* values, int n) {
  RT_DIST(-1, {
    std::vector<torch::Tensor> flat{torch::from_blob(values, {n}, torch::kFloat64).clone()};
    finish(g->group->allreduce(flat));
    std::memcpy(values, flat[0].data_ptr<double>(), sizeof(double) * static_cast<size_t>(n));
    return 0;
  })
}

RT_API int rt_group_barrier(rt_group g) { RT_DIST(-1, finish(g->group->barrier()); return 0;) }
