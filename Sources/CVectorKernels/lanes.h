#ifndef GROUNDING_LANES_H
#define GROUNDING_LANES_H
// Masks shared by the AVX-512 kernels.
#include <immintrin.h>
#include <stddef.h>

// The lanes of a 16-float vector below `count`, clipped to 0...16: the lanes of a run's last,
// partial vector (no lane past the run is read or written).
static inline __mmask16 grounding_lanes_below(ptrdiff_t count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

#endif
