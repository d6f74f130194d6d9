#ifndef GROUNDING_CTURBOJPEG_SHIM_H
#define GROUNDING_CTURBOJPEG_SHIM_H
#include <turbojpeg.h>

// TJSCALED is a function-like macro and does not import into Swift.
static inline int grounding_tj_scaled(int dimension, tjscalingfactor factor) {
    return TJSCALED(dimension, factor);
}
#endif
