// C reference for the EKM evaluation kernel (bench/kernel-probe.ts --ekm): Σ_q min(m[q], r[q])
// over rows of n doubles, in the shape of src/main/engine/ekm/sums.ts (four accumulators by q mod 4,
// combined as (s0 + s1) + (s2 + s3)), so it does the same additions as ours; the compiler is free
// to vectorise it. "check" also tests the partial sum against a limit every 16 terms, as the
// pruned (early-abandon) sums do. Built by the bench with `cc -O3 -march=native`.
//
// Usage: ekm-sum n rows reps    prints one JSON line: ns per point-term, plain and with checks
// (medians over the reps, as the bench reports its own kernels).
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static double sum_min(const double *restrict m, const double *restrict r, long n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  long q = 0;
  for (; q + 4 <= n; q += 4) {
    s0 += m[q] < r[q] ? m[q] : r[q];
    s1 += m[q + 1] < r[q + 1] ? m[q + 1] : r[q + 1];
    s2 += m[q + 2] < r[q + 2] ? m[q + 2] : r[q + 2];
    s3 += m[q + 3] < r[q + 3] ? m[q + 3] : r[q + 3];
  }
  for (; q < n; q++) s0 += m[q] < r[q] ? m[q] : r[q];
  return s0 + s1 + (s2 + s3);
}

static double sum_min_check(const double *restrict m, const double *restrict r, long n, double limit) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  long q = 0;
  long n4 = n - (n & 3);
  while (q < n4) {
    long e = q + 16 < n4 ? q + 16 : n4;
    for (; q < e; q += 4) {
      s0 += m[q] < r[q] ? m[q] : r[q];
      s1 += m[q + 1] < r[q + 1] ? m[q + 1] : r[q + 1];
      s2 += m[q + 2] < r[q + 2] ? m[q + 2] : r[q + 2];
      s3 += m[q + 3] < r[q + 3] ? m[q + 3] : r[q + 3];
    }
    if (s0 + s1 + (s2 + s3) > limit) return s0 + s1 + (s2 + s3);
  }
  for (; q < n; q++) s0 += m[q] < r[q] ? m[q] : r[q];
  return s0 + s1 + (s2 + s3);
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  long n = atol(argv[1]), rows = atol(argv[2]), reps = atol(argv[3]);
  double *m = malloc(sizeof(double) * n), *r = malloc(sizeof(double) * n * rows);
  unsigned long long x = 88172645463325252ULL;
  for (long i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; m[i] = (double)(x >> 11) / 9007199254740992.0; }
  for (long i = 0; i < n * rows; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; r[i] = (double)(x >> 11) / 9007199254740992.0; }
  volatile double sink = 0;
  double *plain = malloc(sizeof(double) * reps), *checked = malloc(sizeof(double) * reps);
  for (long rep = 0; rep < reps; rep++) {
    double t0 = now_ns();
    for (long j = 0; j < rows; j++) sink += sum_min(m, r + j * n, n);
    double t1 = now_ns();
    for (long j = 0; j < rows; j++) sink += sum_min_check(m, r + j * n, n, 1e300);
    double t2 = now_ns();
    plain[rep] = (t1 - t0) / (double)(n * rows);
    checked[rep] = (t2 - t1) / (double)(n * rows);
  }
  qsort(plain, reps, sizeof(double), by_value);
  qsort(checked, reps, sizeof(double), by_value);
  printf("{\"plainNsPerTerm\":%.4f,\"checkedNsPerTerm\":%.4f,\"sink\":%g}\n", plain[reps / 2], checked[reps / 2], (double)sink);
  return 0;
}
