#ifndef GROUNDING_COPENBLAS_SHIM_H
#define GROUNDING_COPENBLAS_SHIM_H
// Only declarations come from here: OpenBLAS itself is opened at run time with dlopen, after
// OPENBLAS_CORETYPE is chosen, because OpenBLAS fixes its kernel when it loads.
#include <cblas.h>

/// The signatures Grounding looks up with dlsym, so Swift checks every call against them.
typedef void (*grounding_cblas_sgemm_fn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                                         blasint, blasint, blasint, float, const float *, blasint,
                                         const float *, blasint, float, float *, blasint);
typedef void (*grounding_cblas_saxpy_fn)(blasint, float, const float *, blasint, float *, blasint);
typedef void (*grounding_openblas_set_num_threads_fn)(int);
typedef int (*grounding_openblas_get_num_threads_fn)(void);
typedef char *(*grounding_openblas_get_corename_fn)(void);
typedef char *(*grounding_openblas_get_config_fn)(void);
#endif
