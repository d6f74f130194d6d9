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

/// Winograd F(2×2, 3×3)'s input transform of one tile row of one channel (GroundingCompute's
/// `WinogradF2x2.transformInput`, the same operations in the same order): as
/// ``grounding_winograd4x4_input_row_avx512`` with four input rows `r0` … `r3`, four padded rows
/// of `padded` = 2 · `columns` + 2 floats, and tile t's combinations of padded row i at
/// `out[(4 · i + j) · matrix_stride + t]`, j < 4. Needs AVX-512F.
void grounding_winograd2x2_input_row_avx512(const float *r0, const float *r1, const float *r2, const float *r3,
                                            ptrdiff_t width, float *padded_rows, ptrdiff_t padded, float *out,
                                            ptrdiff_t matrix_stride, ptrdiff_t columns);

/// Winograd F(2×2, 3×3)'s output transform of one tile row of one filter, before the bias and
/// the activation (`WinogradF2x2.transformOutput`, the same operations in the same order): tile
/// t's 16 products are `m[ξ · matrix_stride + t]`, ξ < 16, and its 2×2 outputs go to
/// `rows[r · 2 · columns + 2 · t + c]`, two rows of 2 · `columns` floats. Needs AVX-512F.
void grounding_winograd2x2_output_row_avx512(const float *m, ptrdiff_t matrix_stride, ptrdiff_t columns,
                                             float *rows);

/// Winograd F(4×4, 3×3)'s input transform of one tile row of one channel (GroundingCompute's
/// `WinogradF4x4.transformInput`, the same operations in the same order). `r0` … `r5` are the
/// tile row's six input rows, `width` floats each (a row of zeros above or below the image).
/// Their vertical combinations go to the six rows of `padded_rows`, `padded` = 4 · `columns` + 2
/// floats apart, from index 1 (the caller keeps each row's first entry and those past `width`
/// zero); then tile t's combinations of padded row i go to
/// `out[(6 · i + j) · matrix_stride + t]`, j < 6, for each of the `columns` tiles. Needs AVX-512F.
void grounding_winograd4x4_input_row_avx512(const float *r0, const float *r1, const float *r2, const float *r3,
                                            const float *r4, const float *r5, ptrdiff_t width, float *padded_rows,
                                            ptrdiff_t padded, float *out, ptrdiff_t matrix_stride, ptrdiff_t columns);

/// Winograd F(4×4, 3×3)'s output transform of one tile row of one filter, before the bias and
/// the activation (`WinogradF4x4.transformOutput`, the same operations in the same order): tile
/// t's 36 products are `m[ξ · matrix_stride + t]`, ξ < 36, and its 4×4 outputs go to
/// `rows[r · 4 · columns + 4 · t + c]`, four rows of 4 · `columns` floats. Needs AVX-512F.
void grounding_winograd4x4_output_row_avx512(const float *m, ptrdiff_t matrix_stride, ptrdiff_t columns,
                                             float *rows);

/// The activations ``grounding_piecewise_activation_avx512`` applies.
enum grounding_piecewise { GROUNDING_LINEAR, GROUNDING_LEAKY, GROUNDING_RELU, GROUNDING_CLAMP };

/// `destination[i] = f(source[i] + bias)` for `count` values, f as GroundingCompute's `Activation`
/// defines it: linear, leaky (`x > 0 ? x : 0.1·x`), ReLU (`x > 0 ? x : 0`) or clamp to
/// [`lower`, `upper`] (the bounds are read for the clamp only). `source` may equal `destination`.
/// Needs AVX-512F.
void grounding_piecewise_activation_avx512(const float *source, float *destination, ptrdiff_t count, float bias,
                                           enum grounding_piecewise kind, float lower, float upper);

/// `destination[i] = x / (1 + e^−x)` with `x = source[i] + bias` for `count` values: SiLU
/// (swish), e^x as GroundingCompute's `Activation.exponential` computes it, so each value is the
/// Swift path's. `source` may equal `destination`. Needs AVX-512F.
void grounding_silu_avx512(const float *source, float *destination, ptrdiff_t count, float bias);

#endif
