// Winograd F(4×4, 3×3) input and output transforms on the vector unit: see
// include/vector_kernels.h.
//
// Sixteen tiles at a time: a tile's entries lie four floats apart in a padded row, so the input
// transform splits four 16-float loads into every fourth entry with two-source permutes, and the
// output transform interleaves its sixteen tiles' four columns back with 4×4 transposes. Every
// combination is the Swift path's (GroundingCompute's `WinogradF4x4`), operation for operation,
// and contraction into fused multiply-adds is off, so both give the same floats.
#include "vector_kernels.h"
#include "lanes.h"

#pragma clang fp contract(off)

// Bᵀ's six combinations of six values.
#define INPUT_COMBINATIONS(d0, d1, d2, d3, d4, d5, q)                                              \
    do {                                                                                            \
        const __m512 four = _mm512_set1_ps(4), five = _mm512_set1_ps(5), two = _mm512_set1_ps(2);   \
        const __m512 a = _mm512_sub_ps(d4, _mm512_mul_ps(four, d2));                                \
        const __m512 b = _mm512_sub_ps(d3, _mm512_mul_ps(four, d1));                                \
        const __m512 c2 = _mm512_sub_ps(d4, d2);                                                    \
        const __m512 e = _mm512_mul_ps(two, _mm512_sub_ps(d3, d1));                                 \
        q[0] = _mm512_add_ps(_mm512_sub_ps(_mm512_mul_ps(four, d0), _mm512_mul_ps(five, d2)), d4);  \
        q[1] = _mm512_add_ps(a, b);                                                                 \
        q[2] = _mm512_sub_ps(a, b);                                                                 \
        q[3] = _mm512_add_ps(c2, e);                                                                \
        q[4] = _mm512_sub_ps(c2, e);                                                                \
        q[5] = _mm512_add_ps(_mm512_sub_ps(_mm512_mul_ps(four, d1), _mm512_mul_ps(five, d3)), d5);  \
    } while (0)

__attribute__((target("avx512f")))
void grounding_winograd4x4_input_row_avx512(const float *r0, const float *r1, const float *r2, const float *r3,
                                            const float *r4, const float *r5, ptrdiff_t width, float *padded_rows,
                                            ptrdiff_t padded, float *out, ptrdiff_t matrix_stride, ptrdiff_t columns) {
    // Bᵀ d: the six rows combined column by column into the padded rows, from index 1.
    const float *in[6] = {r0, r1, r2, r3, r4, r5};
    for (ptrdiff_t x = 0; x < width; x += 16) {
        const __mmask16 mask = grounding_lanes_below(width - x);
        __m512 d[6], q[6];
        for (int i = 0; i < 6; i++) d[i] = _mm512_maskz_loadu_ps(mask, in[i] + x);
        INPUT_COMBINATIONS(d[0], d[1], d[2], d[3], d[4], d[5], q);
        for (int i = 0; i < 6; i++) _mm512_mask_storeu_ps(padded_rows + i * padded + x + 1, mask, q[i]);
    }
    // (Bᵀ d) B: tile t of a padded row reads entries 4t ..< 4t + 6. For sixteen tiles, entries
    // j, j + 4, … of four loads are d_j (j < 4), each half from a two-source permute; d_4 and d_5
    // are d_0 and d_1 one tile on, the last from entries 64 and 65.
    const __m512i every_fourth[4] = {
        _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 4, 8, 12, 16, 20, 24, 28),
        _mm512_setr_epi32(1, 5, 9, 13, 17, 21, 25, 29, 1, 5, 9, 13, 17, 21, 25, 29),
        _mm512_setr_epi32(2, 6, 10, 14, 18, 22, 26, 30, 2, 6, 10, 14, 18, 22, 26, 30),
        _mm512_setr_epi32(3, 7, 11, 15, 19, 23, 27, 31, 3, 7, 11, 15, 19, 23, 27, 31),
    };
    for (int i = 0; i < 6; i++) {
        const float *p = padded_rows + i * padded;
        float *row_out = out + 6 * i * matrix_stride;
        for (ptrdiff_t tx = 0; tx < columns; tx += 16) {
            // A full group's tiles read entries up to 4·tx + 65; the last group reads up to the
            // row's end (4·columns + 2) and leaves the lanes past it zero.
            const ptrdiff_t left = padded - 4 * tx;
            const float *e = p + 4 * tx;
            const __m512 l0 = grounding_load_below(e, left), l1 = grounding_load_below(e + 16, left - 16);
            const __m512 l2 = grounding_load_below(e + 32, left - 32), l3 = grounding_load_below(e + 48, left - 48);
            __m512 d[6], q[6];
            for (int j = 0; j < 4; j++) {
                d[j] = _mm512_mask_blend_ps((__mmask16)0xFF00, _mm512_permutex2var_ps(l0, every_fourth[j], l1),
                                            _mm512_permutex2var_ps(l2, every_fourth[j], l3));
            }
            d[4] = grounding_shifted_in(d[0], left > 64 ? e[64] : 0);
            d[5] = grounding_shifted_in(d[1], left > 65 ? e[65] : 0);
            INPUT_COMBINATIONS(d[0], d[1], d[2], d[3], d[4], d[5], q);
            const __mmask16 tiles = grounding_lanes_below(columns - tx);
            for (int j = 0; j < 6; j++) _mm512_mask_storeu_ps(row_out + j * matrix_stride + tx, tiles, q[j]);
        }
    }
}

__attribute__((target("avx512f")))
void grounding_winograd4x4_output_row_avx512(const float *m, ptrdiff_t matrix_stride, ptrdiff_t columns,
                                             float *rows) {
    const ptrdiff_t span = 4 * columns;
    const __m512 two = _mm512_set1_ps(2), four = _mm512_set1_ps(4), eight = _mm512_set1_ps(8);
    for (ptrdiff_t tx = 0; tx < columns; tx += 16) {
        const __mmask16 tiles = grounding_lanes_below(columns - tx);
        // Aᵀ m: four rows from the six, column j of every tile at once.
        __m512 s[4][6];
        for (int j = 0; j < 6; j++) {
            __m512 e[6];
            for (int i = 0; i < 6; i++) e[i] = _mm512_maskz_loadu_ps(tiles, m + (6 * i + j) * matrix_stride + tx);
            const __m512 a = _mm512_add_ps(e[1], e[2]), b = _mm512_add_ps(e[3], e[4]);
            const __m512 c = _mm512_sub_ps(e[1], e[2]), d = _mm512_sub_ps(e[3], e[4]);
            s[0][j] = _mm512_add_ps(_mm512_add_ps(e[0], a), b);
            s[1][j] = _mm512_add_ps(c, _mm512_mul_ps(two, d));
            s[2][j] = _mm512_add_ps(a, _mm512_mul_ps(four, b));
            s[3][j] = _mm512_add_ps(_mm512_add_ps(c, _mm512_mul_ps(eight, d)), e[5]);
        }
        for (int r = 0; r < 4; r++) {
            // (Aᵀ m) A along the row: output columns 0...3 of every tile.
            const __m512 *t = s[r];
            const __m512 a = _mm512_add_ps(t[1], t[2]), b = _mm512_add_ps(t[3], t[4]);
            const __m512 c = _mm512_sub_ps(t[1], t[2]), d = _mm512_sub_ps(t[3], t[4]);
            const __m512 o0 = _mm512_add_ps(_mm512_add_ps(t[0], a), b);
            const __m512 o1 = _mm512_add_ps(c, _mm512_mul_ps(two, d));
            const __m512 o2 = _mm512_add_ps(a, _mm512_mul_ps(four, b));
            const __m512 o3 = _mm512_add_ps(_mm512_add_ps(c, _mm512_mul_ps(eight, d)), t[5]);
            // Interleave: a 4×4 transpose in each 128-bit block leaves tiles (0, 4, 8, 12),
            // (1, 5, 9, 13), … in the four vectors, one tile's four outputs per block; two rounds
            // of block shuffles put tiles 0–3, 4–7, 8–11 and 12–15 in order.
            const __m512 x0 = _mm512_unpacklo_ps(o0, o1), x1 = _mm512_unpackhi_ps(o0, o1);
            const __m512 x2 = _mm512_unpacklo_ps(o2, o3), x3 = _mm512_unpackhi_ps(o2, o3);
            const __m512 t0 = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(x0), _mm512_castps_pd(x2)));
            const __m512 t1 = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(x0), _mm512_castps_pd(x2)));
            const __m512 t2 = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(x1), _mm512_castps_pd(x3)));
            const __m512 t3 = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(x1), _mm512_castps_pd(x3)));
            const __m512 low01 = _mm512_shuffle_f32x4(t0, t1, _MM_SHUFFLE(1, 0, 1, 0));  // tiles 0, 4, 1, 5
            const __m512 low23 = _mm512_shuffle_f32x4(t2, t3, _MM_SHUFFLE(1, 0, 1, 0));  // tiles 2, 6, 3, 7
            const __m512 high01 = _mm512_shuffle_f32x4(t0, t1, _MM_SHUFFLE(3, 2, 3, 2)); // tiles 8, 12, 9, 13
            const __m512 high23 = _mm512_shuffle_f32x4(t2, t3, _MM_SHUFFLE(3, 2, 3, 2)); // tiles 10, 14, 11, 15
            float *target = rows + r * span + 4 * tx;
            const ptrdiff_t floats = 4 * (columns - tx);
            _mm512_mask_storeu_ps(target, grounding_lanes_below(floats), _mm512_shuffle_f32x4(low01, low23, _MM_SHUFFLE(2, 0, 2, 0)));
            _mm512_mask_storeu_ps(target + 16, grounding_lanes_below(floats - 16), _mm512_shuffle_f32x4(low01, low23, _MM_SHUFFLE(3, 1, 3, 1)));
            _mm512_mask_storeu_ps(target + 32, grounding_lanes_below(floats - 32), _mm512_shuffle_f32x4(high01, high23, _MM_SHUFFLE(2, 0, 2, 0)));
            _mm512_mask_storeu_ps(target + 48, grounding_lanes_below(floats - 48), _mm512_shuffle_f32x4(high01, high23, _MM_SHUFFLE(3, 1, 3, 1)));
        }
    }
}
