// Depthwise convolution sums on the vector unit: see include/vector_kernels.h.
//
// Each output vector keeps its accumulator in a register across all taps (the by-planes order
// in Swift adds one tap to a whole band of sums in memory per OpenBLAS saxpy call, so every tap
// loads and stores the sums again). Four vectors are in flight at once, the last four of a run
// masked, so that the fused multiply-adds, which depend on each other tap after tap, overlap.
// The taps are added in the same order as the saxpy path, from the bias, each with one fused
// multiply-add, so both give the same floats.
#include "vector_kernels.h"
#include "lanes.h"

// Sums of `count` consecutive outputs from `in` (each reads `size` rows of `size` taps,
// `row_length` apart), in blocks of four vectors of 16.
__attribute__((target("avx512f")))
static void run_avx512(const float *in, float *out, ptrdiff_t count, ptrdiff_t row_length, int size,
                       const float *weights, float bias) {
    const __m512 start = _mm512_set1_ps(bias);
    for (ptrdiff_t i = 0; i < count; i += 64) {
        // A mask per vector: all 16 lanes inside the run, or the lanes left (none past it are
        // read or written).
        __mmask16 mask[4];
        for (int v = 0; v < 4; v++) mask[v] = grounding_lanes_below(count - i - 16 * v);
        __m512 a0 = start, a1 = start, a2 = start, a3 = start;
        for (int ky = 0; ky < size; ky++) {
            const float *line = in + ky * row_length + i;
            for (int kx = 0; kx < size; kx++) {
                const __m512 w = _mm512_set1_ps(weights[ky * size + kx]);
                a0 = _mm512_fmadd_ps(w, _mm512_maskz_loadu_ps(mask[0], line + kx), a0);
                a1 = _mm512_fmadd_ps(w, _mm512_maskz_loadu_ps(mask[1], line + kx + 16), a1);
                a2 = _mm512_fmadd_ps(w, _mm512_maskz_loadu_ps(mask[2], line + kx + 32), a2);
                a3 = _mm512_fmadd_ps(w, _mm512_maskz_loadu_ps(mask[3], line + kx + 48), a3);
            }
        }
        _mm512_mask_storeu_ps(out + i, mask[0], a0);
        _mm512_mask_storeu_ps(out + i + 16, mask[1], a1);
        _mm512_mask_storeu_ps(out + i + 32, mask[2], a2);
        _mm512_mask_storeu_ps(out + i + 48, mask[3], a3);
    }
}

// The same in blocks of four vectors of 8.
__attribute__((target("avx2,fma")))
static void run_avx2(const float *in, float *out, ptrdiff_t count, ptrdiff_t row_length, int size,
                     const float *weights, float bias) {
    const __m256 start = _mm256_set1_ps(bias);
    for (ptrdiff_t i = 0; i < count; i += 32) {
        __m256i mask[4];
        for (int v = 0; v < 4; v++) mask[v] = grounding_lanes_below_avx2(count - i - 8 * v);
        __m256 a0 = start, a1 = start, a2 = start, a3 = start;
        for (int ky = 0; ky < size; ky++) {
            const float *line = in + ky * row_length + i;
            for (int kx = 0; kx < size; kx++) {
                const __m256 w = _mm256_set1_ps(weights[ky * size + kx]);
                a0 = _mm256_fmadd_ps(w, _mm256_maskload_ps(line + kx, mask[0]), a0);
                a1 = _mm256_fmadd_ps(w, _mm256_maskload_ps(line + kx + 8, mask[1]), a1);
                a2 = _mm256_fmadd_ps(w, _mm256_maskload_ps(line + kx + 16, mask[2]), a2);
                a3 = _mm256_fmadd_ps(w, _mm256_maskload_ps(line + kx + 24, mask[3]), a3);
            }
        }
        _mm256_maskstore_ps(out + i, mask[0], a0);
        _mm256_maskstore_ps(out + i + 8, mask[1], a1);
        _mm256_maskstore_ps(out + i + 16, mask[2], a2);
        _mm256_maskstore_ps(out + i + 24, mask[3], a3);
    }
}

// With a row step of 1 the rows of sums and of input follow each other at the same distance,
// so all of them are one run (the columns past a row's outputs are sums nobody reads, as in
// the saxpy path); otherwise each row is a run.
#define DEPTHWISE_SUMS(run)                                                                     \
    if (row_step == 1) {                                                                        \
        run(padded, sums, rows * row_length, row_length, size, weights, bias);                  \
    } else {                                                                                    \
        for (ptrdiff_t r = 0; r < rows; r++) {                                                  \
            run(padded + r * row_step * row_length, sums + r * row_length, row_length,          \
                row_length, size, weights, bias);                                               \
        }                                                                                       \
    }

__attribute__((target("avx512f")))
void grounding_depthwise_sums_avx512(const float *padded, float *sums, ptrdiff_t rows, ptrdiff_t row_step,
                                     ptrdiff_t row_length, int size, const float *weights, float bias) {
    DEPTHWISE_SUMS(run_avx512)
}

__attribute__((target("avx2,fma")))
void grounding_depthwise_sums_avx2(const float *padded, float *sums, ptrdiff_t rows, ptrdiff_t row_step,
                                   ptrdiff_t row_length, int size, const float *weights, float bias) {
    DEPTHWISE_SUMS(run_avx2)
}
