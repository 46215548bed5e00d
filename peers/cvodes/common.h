/* Shared helpers of the CVODES peer programs: timing, JSON output, error checks. */
#ifndef ADJOINT4J_PEER_COMMON_H
#define ADJOINT4J_PEER_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>

/* SUNDIALS 7 takes a communicator; 6.x (Debian 12) a void pointer. */
#ifndef SUN_COMM_NULL
#define SUN_COMM_NULL NULL
#endif

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

static void print_array(const char* name, const sunrealtype* v, long n, int last) {
  printf("  \"%s\": [", name);
  for (long i = 0; i < n; i++) {
    printf("%s%.17g", i ? ", " : "", (double)v[i]);
  }
  printf("]%s\n", last ? "" : ",");
}

/* One JSON object: the gradient, its timing and the solver's step counts. */
static void print_result(const char* problem, double rtol, double atol, double J, const sunrealtype* dJdp, long m,
                         const sunrealtype* dJdy0, long n, double seconds, long forwardSteps, long backwardSteps) {
  printf("{\n  \"problem\": \"%s\",\n  \"rtol\": %.3g,\n  \"atol\": %.3g,\n  \"J\": %.17g,\n", problem, rtol, atol, J);
  print_array("dJdp", dJdp, m, 0);
  print_array("dJdy0", dJdy0, n, 0);
  printf("  \"seconds\": %.6f,\n  \"forwardSteps\": %ld,\n  \"backwardSteps\": %ld\n}\n", seconds, forwardSteps,
         backwardSteps);
}

#endif
