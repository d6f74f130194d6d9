// The piecewise-linear activations after a bias on the vector unit: see include/vector_kernels.h.
//
// Each value goes through the comparisons and operations of GroundingCompute's `Activation`
// (an ordered comparison, so a NaN takes the same branch as there), so both give the same floats.
#include "vector_kernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

__attribute__((target("avx512f")))
void grounding_piecewise_activation_avx512(const float *source, float *destination, ptrdiff_t count, float bias,
                                           enum grounding_piecewise kind, float lower, float upper) {
    const __m512 b = _mm512_set1_ps(bias), zero = _mm512_setzero_ps(), slope = _mm512_set1_ps(0.1f);
    const __m512 low = _mm512_set1_ps(lower), high = _mm512_set1_ps(upper);
    for (ptrdiff_t i = 0; i < count; i += 16) {
        const __mmask16 mask = grounding_lanes_below(count - i);
        const __m512 x = _mm512_add_ps(_mm512_maskz_loadu_ps(mask, source + i), b);
        __m512 y;
        switch (kind) {
        case GROUNDING_LEAKY:  // x > 0 ? x : 0.1·x
            y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_GT_OQ), _mm512_mul_ps(slope, x), x);
            break;
        case GROUNDING_RELU:  // x > 0 ? x : 0
            y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_GT_OQ), zero, x);
            break;
        case GROUNDING_CLAMP: {  // Swift's min(max(x, lower), upper): lower if lower ≥ x, then upper if upper < that
            const __m512 raised = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, low, _CMP_LE_OQ), x, low);
            y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(raised, high, _CMP_GT_OQ), raised, high);
            break;
        }
        default:
            y = x;
        }
        _mm512_mask_storeu_ps(destination + i, mask, y);
    }
}
