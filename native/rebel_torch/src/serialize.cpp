// Optimizer state to and from files (libtorch archives). Parameters use the managed, versioned format.
#include "shim.h"

RT_API int rt_adamw_save(rt_optim opt, const char* path) {
  RT_TRY(-1, {
    torch::save(*opt, std::string(path));
    return 0;
  })
}

RT_API int rt_adamw_load(rt_optim opt, const char* path) {
  RT_TRY(-1, {
    torch::load(*opt, std::string(path));
    return 0;
  })
}
