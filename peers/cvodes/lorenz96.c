/* P3 Lorenz-96 with CVODES: Adams + fixed-point forward, the adjoint backward with the same
 * method, J = (1/2n) sum x_i(T)^2, p = F.
 *   adjoint:  lambda(T) = x(T)/n,  lambda' = -(f_x)^T lambda,  dJ/dF = int_0^T lambda dt (f_F = I)
 * Usage: lorenz96 N RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]  -> JSON on stdout
 * (common.h). scaled: the adjoint's absolute tolerance is ATOL/100, as lambda(T) = x(T)/n is small;
 * same: the forward ATOL. */
#include <math.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>
#include "common.h"

typedef struct { long n; sunrealtype* F; } Data;

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* ud) {
  Data* d = (Data*)ud; long n = d->n; sunrealtype* x = N_VGetArrayPointer(y); sunrealtype* f = N_VGetArrayPointer(ydot);
  /* The wrap-around rows apart and the interior without % n, as the Java model does. */
  f[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + d->F[0];
  f[1] = (x[2] - x[n - 1]) * x[0] - x[1] + d->F[1];
  for (long i = 2; i < n - 1; i++) {
    f[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + d->F[i];
  }
  f[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + d->F[n - 1];
  return 0;
}

/* yB' = -(f_x)^T yB with ((f_x)^T w)_j = w_{j-1} x_{j-2} - w_{j+2} x_{j+1} + w_{j+1} (x_{j+2} - x_{j-1}) - w_j */
static sunrealtype wrapped(long j, long n, const sunrealtype* x, const sunrealtype* w) {
  long jm1 = (j - 1 + n) % n, jm2 = (j - 2 + n) % n, jp1 = (j + 1) % n, jp2 = (j + 2) % n;
  return w[jm1] * x[jm2] - w[jp2] * x[jp1] + w[jp1] * (x[jp2] - x[jm1]) - w[j];
}

static int rhsB(sunrealtype t, N_Vector y, N_Vector yB, N_Vector yBdot, void* ud) {
  Data* d = (Data*)ud; long n = d->n;
  sunrealtype* x = N_VGetArrayPointer(y); sunrealtype* w = N_VGetArrayPointer(yB); sunrealtype* o = N_VGetArrayPointer(yBdot);
  /* The interior without % n; the four wrap-around components apart. */
  for (long j = 2; j < n - 2; j++) {
    o[j] = -(w[j - 1] * x[j - 2] - w[j + 2] * x[j + 1] + w[j + 1] * (x[j + 2] - x[j - 1]) - w[j]);
  }
  o[0] = -wrapped(0, n, x, w);
  o[1] = -wrapped(1, n, x, w);
  o[n - 2] = -wrapped(n - 2, n, x, w);
  o[n - 1] = -wrapped(n - 1, n, x, w);
  return 0;
}

static int quadB(sunrealtype t, N_Vector y, N_Vector yB, N_Vector qBdot, void* ud) {
  Data* d = (Data*)ud; sunrealtype* w = N_VGetArrayPointer(yB); sunrealtype* q = N_VGetArrayPointer(qBdot);
  for (long j = 0; j < d->n; j++) q[j] = -w[j];
  return 0;
}

static SUNContext ctx;
static Data d;
static sunrealtype* dJdp;
static sunrealtype* dJdy0;

static void solve(const Options* o, Result* r) {
  long n = d.n;
  N_Vector y = N_VNew_Serial(n, ctx); sunrealtype* x = N_VGetArrayPointer(y);
  for (long i = 0; i < n; i++) x[i] = 8 + sin(2 * M_PI * i / n);
  double T = 2.0;
  void* mem = CVodeCreate(CV_ADAMS, ctx); check_ptr(mem, "CVodeCreate");
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, o->rtol, o->atol), "CVodeSStolerances");
  check(CVodeSetUserData(mem, &d), "CVodeSetUserData");
  SUNNonlinearSolver nls = SUNNonlinSol_FixedPoint(y, 0, ctx);
  check(CVodeSetNonlinearSolver(mem, nls), "CVodeSetNonlinearSolver");
  check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 100, CV_HERMITE), "CVodeAdjInit");
  sunrealtype tret; int ncheck;
  check(CVodeF(mem, T, y, &tret, CV_NORMAL, &ncheck), "CVodeF");
  double J = 0; for (long i = 0; i < n; i++) J += x[i] * x[i] / (2.0 * n);
  N_Vector yB = N_VNew_Serial(n, ctx); sunrealtype* w = N_VGetArrayPointer(yB);
  for (long i = 0; i < n; i++) w[i] = x[i] / n;
  r->rtolB = o->rtol; r->atolB = o->sameBackward ? o->atol : o->atol * 1e-2;
  N_Vector qB = N_VNew_Serial(n, ctx); N_VConst(0.0, qB);
  int which;
  check(CVodeCreateB(mem, CV_ADAMS, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, T, yB), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, r->rtolB, r->atolB), "CVodeSStolerancesB");
  check(CVodeSetUserDataB(mem, which, &d), "CVodeSetUserDataB");
  SUNNonlinearSolver nlsB = SUNNonlinSol_FixedPoint(yB, 0, ctx);
  check(CVodeSetNonlinearSolverB(mem, which, nlsB), "CVodeSetNonlinearSolverB");
  check(CVodeSetMaxNumStepsB(mem, which, 10000000), "CVodeSetMaxNumStepsB");
  check(CVodeQuadInitB(mem, which, quadB, qB), "CVodeQuadInitB");
  check(CVodeSetQuadErrConB(mem, which, SUNTRUE), "CVodeSetQuadErrConB");
  check(CVodeQuadSStolerancesB(mem, which, r->rtolB, r->atolB), "CVodeQuadSStolerancesB");
  check(CVodeB(mem, 0.0, CV_NORMAL), "CVodeB");
  check(CVodeGetB(mem, which, &tret, yB), "CVodeGetB");
  check(CVodeGetQuadB(mem, which, &tret, qB), "CVodeGetQuadB");
  collect_counts(mem, which, ncheck, 0, r);
  r->J = J;
  memcpy(dJdp, N_VGetArrayPointer(qB), n * sizeof(sunrealtype));
  memcpy(dJdy0, N_VGetArrayPointer(yB), n * sizeof(sunrealtype));
  r->dJdp = dJdp; r->m = n; r->dJdy0 = dJdy0; r->n = n;
  N_VDestroy(y); N_VDestroy(yB); N_VDestroy(qB);
  SUNNonlinSolFree(nls); SUNNonlinSolFree(nlsB);
  CVodeFree(&mem);
}

static double default_atol(double rtol) { return rtol; }

int main(int argc, char** argv) {
  if (argc < 3) { fprintf(stderr, "usage: lorenz96 N RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]\n"); return 2; }
  long n = positive_int("N", argv[1]);
  Options o = parse_options(argc, argv, 2, default_atol);
  check(SUNContext_Create(SUN_COMM_NULL, &ctx), "SUNContext_Create");
  d.n = n; d.F = malloc(n * sizeof(sunrealtype));
  for (long i = 0; i < n; i++) d.F[i] = 8 + 0.1 * cos(2 * M_PI * i / n);
  dJdp = malloc(n * sizeof(sunrealtype)); dJdy0 = malloc(n * sizeof(sunrealtype));
  Result r;
  run_repeated("lorenz96", n, o, solve, &r);
  SUNContext_Free(&ctx);
  return 0;
}
