/* P4 heat with variable diffusivity, CVODES: BDF + banded Newton (tridiagonal) forward and backward,
 * J = 0.5 h sum (u_i(T) - 0.3 sin(pi x_i))^2, p = kappa_j (n + 1 faces).
 *   adjoint:  lambda(T) = h (u(T) - d),  lambda' = -A^T lambda (A symmetric),
 *             dJ/dkappa_j = int_0^T (u_j - u_{j-1}) (lambda_{j-1} - lambda_j) / h^2 dt  (zero beyond the ends)
 * Usage: heat N RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]  -> JSON on stdout
 * (common.h). scaled: the adjoint's absolute tolerance is ATOL h, as lambda(T) = h (u(T) - d) is h
 * times the state's size; same: the forward ATOL. */
#include <math.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>
#include "common.h"

typedef struct { long n; double h; double ih2; sunrealtype* k; } Data;

/* out = A(kappa) v with zero boundary values */
static void apply(const Data* d, const sunrealtype* v, sunrealtype* out) {
  long n = d->n; sunrealtype left = d->k[0] * v[0];
  for (long i = 0; i < n; i++) {
    sunrealtype next = i + 1 < n ? v[i + 1] : 0.0;
    sunrealtype right = d->k[i + 1] * (next - v[i]);
    out[i] = (right - left) * d->ih2;
    left = right;
  }
}

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* ud) {
  apply((Data*)ud, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}

static void band(const Data* d, SUNMatrix J, double sign) {
  for (long j = 0; j < d->n; j++) {
    SM_ELEMENT_B(J, j, j) = -sign * (d->k[j] + d->k[j + 1]) * d->ih2;
    if (j > 0) SM_ELEMENT_B(J, j, j - 1) = sign * d->k[j] * d->ih2;
    if (j + 1 < d->n) SM_ELEMENT_B(J, j, j + 1) = sign * d->k[j + 1] * d->ih2;
  }
}

static int jac(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void* ud, N_Vector a, N_Vector b, N_Vector c) {
  band((Data*)ud, J, 1.0);
  return 0;
}

static int rhsB(sunrealtype t, N_Vector y, N_Vector yB, N_Vector yBdot, void* ud) {
  Data* d = (Data*)ud; sunrealtype* o = N_VGetArrayPointer(yBdot);
  apply(d, N_VGetArrayPointer(yB), o);
  for (long i = 0; i < d->n; i++) o[i] = -o[i];
  return 0;
}

static int jacB(sunrealtype t, N_Vector y, N_Vector yB, N_Vector fyB, SUNMatrix JB, void* ud, N_Vector a, N_Vector b,
                N_Vector c) {
  band((Data*)ud, JB, -1.0);
  return 0;
}

static int quadB(sunrealtype t, N_Vector y, N_Vector yB, N_Vector qBdot, void* ud) {
  Data* d = (Data*)ud; long n = d->n;
  sunrealtype* u = N_VGetArrayPointer(y); sunrealtype* w = N_VGetArrayPointer(yB); sunrealtype* q = N_VGetArrayPointer(qBdot);
  for (long j = 0; j <= n; j++) {
    sunrealtype uj = j < n ? u[j] : 0.0, up = j > 0 ? u[j - 1] : 0.0;
    sunrealtype wj = j < n ? w[j] : 0.0, wp = j > 0 ? w[j - 1] : 0.0;
    q[j] = -(uj - up) * (wp - wj) * d->ih2;
  }
  return 0;
}

static SUNContext ctx;
static Data d;
static sunrealtype* dJdp;
static sunrealtype* dJdy0;

static void solve(const Options* o, Result* r) {
  long n = d.n;
  N_Vector y = N_VNew_Serial(n, ctx); sunrealtype* u = N_VGetArrayPointer(y);
  for (long i = 0; i < n; i++) { double x = (i + 1) * d.h; u[i] = sin(M_PI * x) + 0.5 * sin(3 * M_PI * x); }
  double T = 0.1;
  void* mem = CVodeCreate(CV_BDF, ctx); check_ptr(mem, "CVodeCreate");
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, o->rtol, o->atol), "CVodeSStolerances");
  check(CVodeSetUserData(mem, &d), "CVodeSetUserData");
  SUNMatrix A = SUNBandMatrix(n, 1, 1, ctx); SUNLinearSolver LS = SUNLinSol_Band(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 100, CV_HERMITE), "CVodeAdjInit");
  sunrealtype tret; int ncheck;
  check(CVodeF(mem, T, y, &tret, CV_NORMAL, &ncheck), "CVodeF");
  N_Vector yB = N_VNew_Serial(n, ctx); sunrealtype* w = N_VGetArrayPointer(yB);
  double J = 0;
  for (long i = 0; i < n; i++) {
    double res = u[i] - 0.3 * sin(M_PI * (i + 1) * d.h);
    J += 0.5 * d.h * res * res;
    w[i] = d.h * res;
  }
  r->rtolB = o->rtol; r->atolB = o->sameBackward ? o->atol : o->atol * d.h;
  N_Vector qB = N_VNew_Serial(n + 1, ctx); N_VConst(0.0, qB);
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, T, yB), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, r->rtolB, r->atolB), "CVodeSStolerancesB");
  check(CVodeSetUserDataB(mem, which, &d), "CVodeSetUserDataB");
  SUNMatrix AB = SUNBandMatrix(n, 1, 1, ctx); SUNLinearSolver LSB = SUNLinSol_Band(yB, AB, ctx);
  check(CVodeSetLinearSolverB(mem, which, LSB, AB), "CVodeSetLinearSolverB");
  check(CVodeSetJacFnB(mem, which, jacB), "CVodeSetJacFnB");
  check(CVodeSetMaxNumStepsB(mem, which, 10000000), "CVodeSetMaxNumStepsB");
  check(CVodeQuadInitB(mem, which, quadB, qB), "CVodeQuadInitB");
  check(CVodeSetQuadErrConB(mem, which, SUNTRUE), "CVodeSetQuadErrConB");
  check(CVodeQuadSStolerancesB(mem, which, r->rtolB, r->atolB), "CVodeQuadSStolerancesB");
  check(CVodeB(mem, 0.0, CV_NORMAL), "CVodeB");
  check(CVodeGetB(mem, which, &tret, yB), "CVodeGetB");
  check(CVodeGetQuadB(mem, which, &tret, qB), "CVodeGetQuadB");
  collect_counts(mem, which, ncheck, 1, r);
  r->J = J;
  memcpy(dJdp, N_VGetArrayPointer(qB), (n + 1) * sizeof(sunrealtype));
  memcpy(dJdy0, N_VGetArrayPointer(yB), n * sizeof(sunrealtype));
  r->dJdp = dJdp; r->m = n + 1; r->dJdy0 = dJdy0; r->n = n;
  N_VDestroy(y); N_VDestroy(yB); N_VDestroy(qB);
  SUNLinSolFree(LS); SUNMatDestroy(A); SUNLinSolFree(LSB); SUNMatDestroy(AB);
  CVodeFree(&mem);
}

static double default_atol(double rtol) { return rtol * 1e-3; }

int main(int argc, char** argv) {
  if (argc < 3) { fprintf(stderr, "usage: heat N RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]\n"); return 2; }
  long n = positive_int("N", argv[1]);
  Options o = parse_options(argc, argv, 2, default_atol);
  check(SUNContext_Create(SUN_COMM_NULL, &ctx), "SUNContext_Create");
  d.n = n; d.h = 1.0 / (n + 1); d.ih2 = 1.0 / (d.h * d.h); d.k = malloc((n + 1) * sizeof(sunrealtype));
  for (long j = 0; j <= n; j++) d.k[j] = 1 + 0.5 * sin(M_PI * (j + 0.5) * d.h);
  dJdp = malloc((n + 1) * sizeof(sunrealtype)); dJdy0 = malloc(n * sizeof(sunrealtype));
  Result r;
  run_repeated("heat", n, o, solve, &r);
  SUNContext_Free(&ctx);
  return 0;
}
