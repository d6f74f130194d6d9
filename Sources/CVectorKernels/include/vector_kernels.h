#ifndef GROUNDING_VECTOR_KERNELS_H
#define GROUNDING_VECTOR_KERNELS_H
// Kernels written for the CPU's vector unit (AVX-512, AVX2 with FMA), compiled for baseline
// x86-64 with each variant's instruction set enabled per function, so that one binary runs
// everywhere and the caller picks the variant the CPU supports at run time. Calling a variant
// the CPU lacks is undefined (an illegal instruction): GroundingCompute's `VectorUnit` chooses.

#include <stddef.h>

/// Sums of a depthwise convolution over a zero-padded plane, row by row: for each of `rows`
/// rows r and each column i below `row_length`,
///   sums[r * row_length + i] = bias + Σ over ky, kx (in that order) of
///       weights[ky * size + kx] · padded[(r * row_step + ky) * row_length + i + kx],
/// each product added with one fused multiply-add. `padded` must hold `size - 1` floats past the
/// last one the last row reads at `kx = 0`. The `_avx512` variant needs AVX-512F; `_avx2`
/// needs AVX2 and FMA.
void grounding_depthwise_sums_avx512(const float *padded, float *sums, ptrdiff_t rows, ptrdiff_t row_step,
                                     ptrdiff_t row_length, int size, const float *weights, float bias);
void grounding_depthwise_sums_avx2(const float *padded, float *sums, ptrdiff_t rows, ptrdiff_t row_step,
                                   ptrdiff_t row_length, int size, const float *weights, float bias);

#endif
