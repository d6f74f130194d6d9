// Winograd F(2×2, 3×3) input and output transforms on the vector unit: see
// include/vector_kernels.h.
//
// Sixteen tiles at a time: a tile's entries lie two floats apart in a padded row, so the input
// transform splits two 16-float loads into even and odd entries, and the output transform
// interleaves its sixteen tiles' two columns back. Every combination is the Swift path's
// (GroundingCompute's `WinogradF2x2`), operation for operation, so both give the same floats.
#include "vector_kernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

__attribute__((target("avx512f")))
void grounding_winograd2x2_input_row_avx512(const float *r0, const float *r1, const float *r2, const float *r3,
                                            ptrdiff_t width, float *padded_rows, ptrdiff_t padded, float *out,
                                            ptrdiff_t matrix_stride, ptrdiff_t columns) {
    // Bᵀ d: the four rows combined column by column into the padded rows, from index 1.
    for (ptrdiff_t x = 0; x < width; x += 16) {
        const __mmask16 mask = grounding_lanes_below(width - x);
        const __m512 a = _mm512_maskz_loadu_ps(mask, r0 + x), b = _mm512_maskz_loadu_ps(mask, r1 + x);
        const __m512 c = _mm512_maskz_loadu_ps(mask, r2 + x), d = _mm512_maskz_loadu_ps(mask, r3 + x);
        _mm512_mask_storeu_ps(padded_rows + x + 1, mask, _mm512_sub_ps(a, c));
        _mm512_mask_storeu_ps(padded_rows + padded + x + 1, mask, _mm512_add_ps(b, c));
        _mm512_mask_storeu_ps(padded_rows + 2 * padded + x + 1, mask, _mm512_sub_ps(c, b));
        _mm512_mask_storeu_ps(padded_rows + 3 * padded + x + 1, mask, _mm512_sub_ps(b, d));
    }
    // (Bᵀ d) B: tile t of a padded row reads entries 2t ..< 2t + 4. For sixteen tiles, the even
    // and odd entries of two loads are d_0 and d_1; d_2 and d_3 are those one tile on, the last
    // from entries 32 and 33.
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    for (int i = 0; i < 4; i++) {
        const float *p = padded_rows + i * padded;
        float *row_out = out + 4 * i * matrix_stride;
        for (ptrdiff_t tx = 0; tx < columns; tx += 16) {
            // A full group reads entries up to 2·tx + 33; the last reads up to the row's end.
            const ptrdiff_t left = padded - 2 * tx;
            const float *e = p + 2 * tx;
            const __m512 l0 = grounding_load_below(e, left), l1 = grounding_load_below(e + 16, left - 16);
            const __m512 d0 = _mm512_permutex2var_ps(l0, even, l1), d1 = _mm512_permutex2var_ps(l0, odd, l1);
            const __m512 d2 = grounding_shifted_in(d0, left > 32 ? e[32] : 0);
            const __m512 d3 = grounding_shifted_in(d1, left > 33 ? e[33] : 0);
            const __mmask16 tiles = grounding_lanes_below(columns - tx);
            _mm512_mask_storeu_ps(row_out + tx, tiles, _mm512_sub_ps(d0, d2));
            _mm512_mask_storeu_ps(row_out + matrix_stride + tx, tiles, _mm512_add_ps(d1, d2));
            _mm512_mask_storeu_ps(row_out + 2 * matrix_stride + tx, tiles, _mm512_sub_ps(d2, d1));
            _mm512_mask_storeu_ps(row_out + 3 * matrix_stride + tx, tiles, _mm512_sub_ps(d1, d3));
        }
    }
}

__attribute__((target("avx512f")))
void grounding_winograd2x2_output_row_avx512(const float *m, ptrdiff_t matrix_stride, ptrdiff_t columns,
                                             float *rows) {
    // Blocks of four floats: lanes 0–3 of the low half of `unpacklo`'s result, then of
    // `unpackhi`'s, and so on, which puts a row's tiles back in order.
    const __m512i first_half = _mm512_setr_epi32(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
    const __m512i second_half = _mm512_setr_epi32(8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
    for (ptrdiff_t tx = 0; tx < columns; tx += 16) {
        const __mmask16 tiles = grounding_lanes_below(columns - tx);
        // Aᵀ m: rows s₀ = m₀ + m₁ + m₂ and s₁ = m₁ − m₂ − m₃, column j of every tile at once.
        __m512 s0[4], s1[4];
        for (int j = 0; j < 4; j++) {
            const __m512 e0 = _mm512_maskz_loadu_ps(tiles, m + j * matrix_stride + tx);
            const __m512 e1 = _mm512_maskz_loadu_ps(tiles, m + (4 + j) * matrix_stride + tx);
            const __m512 e2 = _mm512_maskz_loadu_ps(tiles, m + (8 + j) * matrix_stride + tx);
            const __m512 e3 = _mm512_maskz_loadu_ps(tiles, m + (12 + j) * matrix_stride + tx);
            s0[j] = _mm512_add_ps(_mm512_add_ps(e0, e1), e2);
            s1[j] = _mm512_sub_ps(_mm512_sub_ps(e1, e2), e3);
        }
        const ptrdiff_t floats = 2 * (columns - tx);
        for (int r = 0; r < 2; r++) {
            // The same along the row: output columns 0 and 1 of every tile, interleaved.
            const __m512 *s = r == 0 ? s0 : s1;
            const __m512 o0 = _mm512_add_ps(_mm512_add_ps(s[0], s[1]), s[2]);
            const __m512 o1 = _mm512_sub_ps(_mm512_sub_ps(s[1], s[2]), s[3]);
            const __m512 low = _mm512_unpacklo_ps(o0, o1), high = _mm512_unpackhi_ps(o0, o1);
            float *target = rows + r * 2 * columns + 2 * tx;
            _mm512_mask_storeu_ps(target, grounding_lanes_below(floats), _mm512_permutex2var_ps(low, first_half, high));
            _mm512_mask_storeu_ps(target + 16, grounding_lanes_below(floats - 16), _mm512_permutex2var_ps(low, second_half, high));
        }
    }
}
