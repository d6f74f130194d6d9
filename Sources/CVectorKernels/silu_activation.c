// SiLU (swish) after a bias on the vector unit: see include/vector_kernels.h.
//
// e^x is GroundingCompute's `Activation.exponential` (Cephes' single-precision polynomial) with
// the same constants and the same operations in the same order, contraction off, so each value
// comes out as the Swift path's four-at-a-time loop makes it.
#include "vector_kernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

// e^x of sixteen values: see `Activation.exponential`.
__attribute__((target("avx512f")))
static inline __m512 exponential(__m512 x) {
    x = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-87.33f), _CMP_LT_OQ), x, _mm512_set1_ps(-87.33f));
    x = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(88.0f), _CMP_GT_OQ), x, _mm512_set1_ps(88.0f));
    // n = round(x / ln 2) by adding and removing 1.5 · 2^23, which leaves n in the low bits.
    const __m512 shifted = _mm512_add_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)), _mm512_set1_ps(12582912.0f));
    const __m512 n = _mm512_sub_ps(shifted, _mm512_set1_ps(12582912.0f));
    const __m512 r = _mm512_add_ps(_mm512_sub_ps(x, _mm512_mul_ps(n, _mm512_set1_ps(0.693359375f))),
                                   _mm512_mul_ps(n, _mm512_set1_ps(2.1219444e-4f)));
    __m512 p = _mm512_set1_ps(1.98756915e-4f);
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.39819995e-3f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(8.3334519e-3f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(4.16657959e-2f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.66666655e-1f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(5.00000012e-1f));
    const __m512 value = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(_mm512_mul_ps(p, r), r), r), _mm512_set1_ps(1.0f));
    // 2^n from n's bits in `shifted`: the exponent field is n + 127.
    const __m512i bits = _mm512_slli_epi32(
        _mm512_add_epi32(_mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(0x4B400000)), _mm512_set1_epi32(127)), 23);
    return _mm512_mul_ps(value, _mm512_castsi512_ps(bits));
}

__attribute__((target("avx512f")))
void grounding_silu_avx512(const float *source, float *destination, ptrdiff_t count, float bias) {
    const __m512 b = _mm512_set1_ps(bias), one = _mm512_set1_ps(1.0f);
    const __m512i sign = _mm512_set1_epi32((int)0x80000000u);
    for (ptrdiff_t i = 0; i < count; i += 16) {
        const __mmask16 mask = grounding_lanes_below(count - i);
        const __m512 x = _mm512_add_ps(_mm512_maskz_loadu_ps(mask, source + i), b);
        // −x flips the sign bit, as Swift's negation does (0 − x would turn +0 into +0).
        const __m512 negated = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(x), sign));
        _mm512_mask_storeu_ps(destination + i, mask, _mm512_div_ps(x, _mm512_add_ps(one, exponential(negated))));
    }
}
