// C reference for bench:kmeans --dims: the same Lloyd passes as Clusterbench (squared Euclidean,
// distances summed over t from 0 upwards, lowest index on ties, fixed iteration count, final
// labelling pass), written the way a C programmer would let the compiler vectorise it: centroids
// transposed, the inner loop runs over centroids for one dimension (vectorisable without
// -ffast-math, since no sum is reordered). Built by the bench with `cc -O3 -march=native`.
// Threads: pthreads over contiguous row blocks, per-thread partial sums reduced in thread order.
//
// Usage: kmeans-ref X.f64 C.f64 n d k iterations    (raw little-endian float64, row-major)
// then one line per fit on stdin: "run <threads>"; answers one JSON line per fit.
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double *X, *C0;
static long n;
static int d, k, iterations;

typedef struct {
  long start, stop;
  const double *ct; /* d x k, transposed */
  const double *crow; /* k x d, row-major */
  int *labels;
  double *far;      /* n: squared distance of each row to its nearest centroid */
  double *sums;     /* k x d */
  double *counts;   /* k */
  double *dist;     /* k scratch */
  double inertia;
} Part;

static void *assign(void *arg) {
  Part *p = (Part *)arg;
  memset(p->sums, 0, sizeof(double) * k * d);
  memset(p->counts, 0, sizeof(double) * k);
  p->inertia = 0;
  double *restrict dist = p->dist;
  for (long i = p->start; i < p->stop; i++) {
    const double *restrict x = X + i * d;
    if (d == 2) {
      /* Few dimensions: the per-dimension sweep over centroids costs more than it saves. */
      const double x0 = x[0], x1 = x[1];
      for (int j = 0; j < k; j++) {
        const double u = x0 - p->crow[2 * j], v = x1 - p->crow[2 * j + 1];
        dist[j] = u * u + v * v;
      }
    } else {
    for (int j = 0; j < k; j++) dist[j] = 0;
    for (int t = 0; t < d; t++) {
      const double xt = x[t];
      const double *restrict c = p->ct + (long)t * k;
      for (int j = 0; j < k; j++) {
        const double u = xt - c[j];
        dist[j] += u * u;
      }
    }
    }
    int best = 0;
    double bd = dist[0];
    for (int j = 1; j < k; j++) { /* branch-free (cmov): the winner is unpredictable */
      const int closer = dist[j] < bd;
      best = closer ? j : best;
      bd = closer ? dist[j] : bd;
    }
    p->labels[i] = best;
    p->far[i] = bd;
    p->inertia += bd;
    double *s = p->sums + (long)best * d;
    for (int t = 0; t < d; t++) s[t] += x[t];
    p->counts[best] += 1;
  }
  return NULL;
}

/* Empty clusters as Clusterbench and scikit-learn treat them: each, in index order, takes the row
   farthest from its centroid (ties: lowest row) among rows not on their centroid whose cluster
   keeps a row; the row leaves its cluster's sums. Rare path, so a plain scan per empty cluster. */
static void reseed_empty(const int *labels, double *far, double *sums, double *counts) {
  for (int e = 0; e < k; e++) {
    if (counts[e] != 0) continue;
    long pick = -1;
    for (long i = 0; i < n; i++) {
      if (far[i] <= 0 || counts[labels[i]] <= 1) continue;
      if (pick < 0 || far[i] > far[pick]) pick = i;
    }
    if (pick < 0) continue;
    far[pick] = -1;
    const int from = labels[pick];
    for (int t = 0; t < d; t++) {
      sums[(long)from * d + t] -= X[pick * d + t];
      sums[(long)e * d + t] = X[pick * d + t];
    }
    counts[from] -= 1;
    counts[e] = 1;
  }
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double *read_all(const char *path, long count) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  double *a = malloc(sizeof(double) * count);
  if (fread(a, sizeof(double), count, f) != (size_t)count) { fprintf(stderr, "%s: short read\n", path); exit(2); }
  fclose(f);
  return a;
}

int main(int argc, char **argv) {
  if (argc != 7) { fprintf(stderr, "usage: %s X.f64 C.f64 n d k iterations\n", argv[0]); return 2; }
  n = atol(argv[3]); d = atoi(argv[4]); k = atoi(argv[5]); iterations = atoi(argv[6]);
  X = read_all(argv[1], n * d);
  C0 = read_all(argv[2], (long)k * d);
  int *labels = malloc(sizeof(int) * n);
  double *far = malloc(sizeof(double) * n);
  double *c = malloc(sizeof(double) * k * d), *ct = malloc(sizeof(double) * k * d);
  double *sums = malloc(sizeof(double) * k * d), *counts = malloc(sizeof(double) * k);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    int threads = 0;
    if (sscanf(line, "run %d", &threads) != 1 || threads < 1) break;
    Part *parts = calloc(threads, sizeof(Part));
    pthread_t *tid = calloc(threads, sizeof(pthread_t));
    for (int w = 0; w < threads; w++) {
      parts[w].start = n * w / threads;
      parts[w].stop = n * (w + 1) / threads;
      parts[w].ct = ct;
      parts[w].crow = c;
      parts[w].labels = labels;
      parts[w].far = far;
      parts[w].sums = malloc(sizeof(double) * k * d);
      parts[w].counts = malloc(sizeof(double) * k);
      parts[w].dist = malloc(sizeof(double) * k);
    }
    memcpy(c, C0, sizeof(double) * k * d);
    double inertia = 0;
    int passes = 0;
    double t0 = now_ms();
    for (int it = 0; it <= iterations; it++) {
      for (int j = 0; j < k; j++) for (int t = 0; t < d; t++) ct[(long)t * k + j] = c[(long)j * d + t];
      for (int w = 1; w < threads; w++) pthread_create(&tid[w], NULL, assign, &parts[w]);
      assign(&parts[0]);
      for (int w = 1; w < threads; w++) pthread_join(tid[w], NULL);
      passes++;
      memset(sums, 0, sizeof(double) * k * d);
      memset(counts, 0, sizeof(double) * k);
      inertia = 0;
      for (int w = 0; w < threads; w++) {
        for (long q = 0; q < (long)k * d; q++) sums[q] += parts[w].sums[q];
        for (int j = 0; j < k; j++) counts[j] += parts[w].counts[j];
        inertia += parts[w].inertia;
      }
      if (it == iterations) break; /* the final labelling pass */
      reseed_empty(labels, far, sums, counts);
      for (int j = 0; j < k; j++)
        if (counts[j] > 0) for (int t = 0; t < d; t++) c[(long)j * d + t] = sums[(long)j * d + t] / counts[j];
    }
    double ms = now_ms() - t0;
    unsigned h = 0;
    for (long i = 0; i < n; i++) h = h * 31u + (unsigned)labels[i];
    printf("{\"msPerPass\": %.6f, \"passes\": %d, \"inertia\": %.17g, \"labelHash\": %u}\n", ms / passes, passes, inertia, h);
    fflush(stdout);
    for (int w = 0; w < threads; w++) { free(parts[w].sums); free(parts[w].counts); free(parts[w].dist); }
    free(parts); free(tid);
  }
  return 0;
}
