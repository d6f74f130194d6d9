#ifndef GROUNDING_LANES_H
#define GROUNDING_LANES_H
// Masks, masked loads and lane shifts shared by the kernels.
#include <immintrin.h>
#include <stddef.h>

// The lanes of a 16-float vector below `count`, clipped to 0...16: the lanes of a run's last,
// partial vector (no lane past the run is read or written).
static inline __mmask16 grounding_lanes_below(ptrdiff_t count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

// The floats of `p` below `count` (clipped to 0...16), zero in the lanes past them (not read).
__attribute__((target("avx512f")))
static inline __m512 grounding_load_below(const float *p, ptrdiff_t count) {
    return _mm512_maskz_loadu_ps(grounding_lanes_below(count), p);
}

// `v` moved down one lane, `last` in the top lane: a Winograd input transform's entry of the next
// tile along a padded row, for sixteen tiles.
__attribute__((target("avx512f")))
static inline __m512 grounding_shifted_in(__m512 v, float last) {
    return _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_castps_si512(_mm512_set1_ps(last)), _mm512_castps_si512(v), 1));
}

// The same for an 8-float vector, as AVX2's masked loads and stores take it: every bit set in the
// lanes below `count`, clipped to 0...8.
__attribute__((target("avx2")))
static inline __m256i grounding_lanes_below_avx2(ptrdiff_t count) {
    const int clipped = count >= 8 ? 8 : count <= 0 ? 0 : (int)count;
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(clipped), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#endif
