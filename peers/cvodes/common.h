/* Shared harness of the CVODES peer programs: options, in-process repetition, timing, statistics and
 * JSON output. Each program supplies one solve (create, integrate forward, integrate the adjoint
 * backward, free everything); the harness repeats it so the statistic matches adjoint4j's side:
 *   - untimed warm-up units (at least WARMUP of them and WARMUP_SECONDS of time), then REPEAT timed
 *     units, each unit INNER solves back to back;
 *   - with --min-unit S, INNER is calibrated first: solves are run (untimed for the result) until
 *     S seconds have passed, and INNER is how many that took;
 *   - "seconds" is the median unit time divided by INNER (one gradient), "times" every unit's.
 * Options after the positional arguments:
 *   --repeat R (default 5)  --warmup W (default 2, may be 0)  --warmup-seconds S (default 0)
 *   --inner K (default 1)  --min-unit S
 *   --backward same|scaled  (the adjoint's tolerances: the forward ones, or the program's scaled
 *                            ones; scaled is the default, as in SUNDIALS's own examples) */
#ifndef ADJOINT4J_PEER_COMMON_H
#define ADJOINT4J_PEER_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>

/* SUNDIALS 7 takes a communicator; 6.x (Debian 12) a void pointer. */
#ifndef SUN_COMM_NULL
#define SUN_COMM_NULL NULL
#endif

typedef struct {
  double rtol, atol;
  int repeat, warmup, inner;
  double minUnit; /* > 0: calibrate inner to units of at least this many seconds */
  double warmupSeconds; /* the warm-up lasts at least this long */
  int sameBackward; /* 1: the adjoint's tolerances are the forward ones */
} Options;

/* One solve's answer and the solver's counters (forward, then backward). */
typedef struct {
  double J;
  sunrealtype* dJdp; long m;
  sunrealtype* dJdy0; long n;
  double rtolB, atolB;
  long steps, stepsB, rhs, rhsB, jacobians, jacobiansB, setups, setupsB, newton, newtonB;
  int checkpoints;
} Result;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static void check(int flag, const char* what) {
  if (flag < 0) {
    fprintf(stderr, "%s failed with flag %d\n", what, flag);
    exit(1);
  }
}

static void check_ptr(void* p, const char* what) {
  if (p == NULL) {
    fprintf(stderr, "%s returned NULL\n", what);
    exit(1);
  }
}

static int integer_at_least(const char* name, const char* value, long least) {
  char* end; long v = strtol(value, &end, 10);
  if (*end != '\0' || v < least || v > 1000000) {
    fprintf(stderr, "%s must be an integer from %ld to 1000000, got '%s'\n", name, least, value);
    exit(2);
  }
  return (int)v;
}

static int positive_int(const char* name, const char* value) { return integer_at_least(name, value, 1); }

static double positive_double(const char* name, const char* value) {
  char* end; double v = strtod(value, &end);
  if (*end != '\0' || !(v > 0)) {
    fprintf(stderr, "%s must be a positive number, got '%s'\n", name, value);
    exit(2);
  }
  return v;
}

/* argv[first] is RTOL, argv[first + 1] an optional ATOL (else atolOf(rtol)), then the options. */
static Options parse_options(int argc, char** argv, int first, double (*atolOf)(double)) {
  Options o = {0, 0, 5, 2, 1, 0, 0, 0};
  if (argc <= first) {
    fprintf(stderr, "RTOL is missing\n");
    exit(2);
  }
  o.rtol = positive_double("RTOL", argv[first]);
  int i = first + 1;
  if (i < argc && strncmp(argv[i], "--", 2) != 0) {
    o.atol = positive_double("ATOL", argv[i++]);
  } else {
    o.atol = atolOf(o.rtol);
  }
  for (; i < argc; i += 2) {
    if (i + 1 >= argc) { fprintf(stderr, "%s needs a value\n", argv[i]); exit(2); }
    if (strcmp(argv[i], "--repeat") == 0) o.repeat = positive_int("--repeat", argv[i + 1]);
    else if (strcmp(argv[i], "--warmup") == 0) o.warmup = integer_at_least("--warmup", argv[i + 1], 0);
    else if (strcmp(argv[i], "--inner") == 0) o.inner = positive_int("--inner", argv[i + 1]);
    else if (strcmp(argv[i], "--min-unit") == 0) o.minUnit = positive_double("--min-unit", argv[i + 1]);
    else if (strcmp(argv[i], "--warmup-seconds") == 0) o.warmupSeconds = positive_double("--warmup-seconds", argv[i + 1]);
    else if (strcmp(argv[i], "--backward") == 0) {
      if (strcmp(argv[i + 1], "same") == 0) o.sameBackward = 1;
      else if (strcmp(argv[i + 1], "scaled") == 0) o.sameBackward = 0;
      else { fprintf(stderr, "--backward must be same or scaled, got '%s'\n", argv[i + 1]); exit(2); }
    } else { fprintf(stderr, "unknown option '%s'\n", argv[i]); exit(2); }
  }
  return o;
}

/* A counter of a CVODES memory block; 0 where the block has no such counter (no linear solver). */
typedef int (*Counter)(void*, long*);
static long count(void* mem, Counter f) {
  long v = 0;
  return f(mem, &v) < 0 ? 0 : v;
}

/* The counters of the forward memory and of the backward problem `which` (Jacobians and linear
 * setups only with a linear solver: CVODES reports an error for them otherwise). */
static void collect_counts(void* mem, int which, int checkpoints, int linear, Result* r) {
  void* memB = CVodeGetAdjCVodeBmem(mem, which);
  r->steps = count(mem, CVodeGetNumSteps); r->stepsB = count(memB, CVodeGetNumSteps);
  r->rhs = count(mem, CVodeGetNumRhsEvals); r->rhsB = count(memB, CVodeGetNumRhsEvals);
  r->jacobians = linear ? count(mem, CVodeGetNumJacEvals) : 0;
  r->jacobiansB = linear ? count(memB, CVodeGetNumJacEvals) : 0;
  r->setups = linear ? count(mem, CVodeGetNumLinSolvSetups) : 0;
  r->setupsB = linear ? count(memB, CVodeGetNumLinSolvSetups) : 0;
  r->newton = count(mem, CVodeGetNumNonlinSolvIters); r->newtonB = count(memB, CVodeGetNumNonlinSolvIters);
  r->checkpoints = checkpoints;
}

static int compare_doubles(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

static void print_array(const char* name, const sunrealtype* v, long n) {
  printf("  \"%s\": [", name);
  for (long i = 0; i < n; i++) {
    printf("%s%.17g", i ? ", " : "", (double)v[i]);
  }
  printf("],\n");
}

/* Runs solve (which fills *r and keeps its arrays until the next call) as the header states and
 * prints one JSON object. */
static void run_repeated(const char* problem, long size, Options o, void (*solve)(const Options*, Result*), Result* r) {
  if (o.minUnit > 0) {
    int count = 0;
    double start = now_seconds();
    do { solve(&o, r); count++; } while (now_seconds() - start < o.minUnit);
    o.inner = count;
  }
  {
    double start = now_seconds();
    for (long k = 0; k < (long)o.warmup * o.inner || now_seconds() - start < o.warmupSeconds; k++) solve(&o, r);
  }
  double* times = malloc(o.repeat * sizeof(double));
  for (int k = 0; k < o.repeat; k++) {
    double start = now_seconds();
    for (int j = 0; j < o.inner; j++) solve(&o, r);
    times[k] = now_seconds() - start;
  }
  double* sorted = malloc(o.repeat * sizeof(double));
  memcpy(sorted, times, o.repeat * sizeof(double));
  qsort(sorted, o.repeat, sizeof(double), compare_doubles);
  double median = o.repeat % 2 ? sorted[o.repeat / 2] : 0.5 * (sorted[o.repeat / 2 - 1] + sorted[o.repeat / 2]);
  printf("{\n  \"problem\": \"%s\",\n  \"n\": %ld,\n  \"rtol\": %.17g,\n  \"atol\": %.17g,\n", problem, size, o.rtol, o.atol);
  printf("  \"backward\": \"%s\",\n  \"rtolB\": %.17g,\n  \"atolB\": %.17g,\n", o.sameBackward ? "same" : "scaled",
         r->rtolB, r->atolB);
  printf("  \"J\": %.17g,\n", r->J);
  print_array("dJdp", r->dJdp, r->m);
  print_array("dJdy0", r->dJdy0, r->n);
  printf("  \"seconds\": %.9f,\n  \"inner\": %d,\n  \"warmup\": %d,\n  \"warmupSeconds\": %.3f,\n  \"times\": [",
         median / o.inner, o.inner, o.warmup, o.warmupSeconds);
  for (int k = 0; k < o.repeat; k++) printf("%s%.9f", k ? ", " : "", times[k]);
  printf("],\n");
  printf("  \"forwardSteps\": %ld,\n  \"backwardSteps\": %ld,\n  \"forwardRhs\": %ld,\n  \"backwardRhs\": %ld,\n",
         r->steps, r->stepsB, r->rhs, r->rhsB);
  printf("  \"forwardJacobians\": %ld,\n  \"backwardJacobians\": %ld,\n", r->jacobians, r->jacobiansB);
  printf("  \"forwardSetups\": %ld,\n  \"backwardSetups\": %ld,\n", r->setups, r->setupsB);
  printf("  \"forwardNewton\": %ld,\n  \"backwardNewton\": %ld,\n  \"checkpoints\": %d\n}\n", r->newton, r->newtonB,
         r->checkpoints);
  free(times);
  free(sorted);
}

#endif
