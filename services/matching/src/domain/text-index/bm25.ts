/**
 * BM25's shared constants and idf, for every text index of matching (experts' BM25F, resources' BM25):
 * one place to read or tune them. What a field weighs stays with each index's own fields.
 */
export const K1 = 1.2;
export const B = 0.75;

/** Robertson's idf, kept positive: log(1 + (N - df + 0.5) / (df + 0.5)). */
export const idf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** A term's score in [0, 1) before idf: the saturating function of its (pseudo-)frequency. */
export const saturate = (tf: number): number => tf / (K1 + tf);
