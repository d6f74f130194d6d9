#ifndef GROUNDING_LANES_H
#define GROUNDING_LANES_H
// Masks shared by the kernels.
#include <immintrin.h>
#include <stddef.h>

// The lanes of a 16-float vector below `count`, clipped to 0...16: the lanes of a run's last,
// partial vector (no lane past the run is read or written).
static inline __mmask16 grounding_lanes_below(ptrdiff_t count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

// The same for an 8-float vector, as AVX2's masked loads and stores take it: every bit set in the
// lanes below `count`, clipped to 0...8.
__attribute__((target("avx2")))
static inline __m256i grounding_lanes_below_avx2(ptrdiff_t count) {
    const int clipped = count >= 8 ? 8 : count <= 0 ? 0 : (int)count;
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(clipped), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#endif
