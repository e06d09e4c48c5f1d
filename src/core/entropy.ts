/** Reused histogram for ASCII input, all zero between calls: the scanner calls this per candidate, so it must not allocate. */
const counts = new Uint32Array(128);

/**
 * Shannon entropy of `s[start, end)` in bits per character. Characters outside ASCII are pooled
 * into one bucket, which underestimates entropy slightly; secrets are ASCII in practice.
 */
export function shannonEntropy(s: string, start = 0, end = s.length): number {
  const n = end - start;
  if (n <= 0) {
    return 0;
  }
  let other = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      counts[c]++;
    } else {
      other++;
    }
  }
  // Each character's share once, at its first occurrence, leaving the histogram zeroed for the
  // next call: no pass over all 128 buckets, which for a key of 40 characters was most of the cost.
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && counts[c] !== 0) {
      const p = counts[c] / n;
      bits -= p * Math.log2(p);
      counts[c] = 0;
    }
  }
  if (other !== 0) {
    const p = other / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}
