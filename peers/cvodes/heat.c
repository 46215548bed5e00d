/* P4 heat with variable diffusivity, CVODES: BDF + banded Newton (tridiagonal) forward and backward,
 * J = 0.5 h sum (u_i(T) - 0.3 sin(pi x_i))^2, p = kappa_j (n + 1 faces).
 *   adjoint:  lambda(T) = h (u(T) - d),  lambda' = -A^T lambda (A symmetric),
 *             dJ/dkappa_j = int_0^T (u_j - u_{j-1}) (lambda_{j-1} - lambda_j) / h^2 dt  (zero beyond the ends)
 * Usage: heat N RTOL [ATOL]  -> JSON on stdout. */
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

int main(int argc, char** argv) {
  if (argc < 3) { fprintf(stderr, "usage: heat N RTOL [ATOL]\n"); return 2; }
  long n = atol(argv[1]); double rtol = atof(argv[2]); double atolv = argc > 3 ? atof(argv[3]) : rtol * 1e-3;
  SUNContext ctx; check(SUNContext_Create(SUN_COMM_NULL, &ctx), "SUNContext_Create");
  Data d; d.n = n; d.h = 1.0 / (n + 1); d.ih2 = 1.0 / (d.h * d.h); d.k = malloc((n + 1) * sizeof(sunrealtype));
  for (long j = 0; j <= n; j++) d.k[j] = 1 + 0.5 * sin(M_PI * (j + 0.5) * d.h);
  N_Vector y = N_VNew_Serial(n, ctx); sunrealtype* u = N_VGetArrayPointer(y);
  for (long i = 0; i < n; i++) { double x = (i + 1) * d.h; u[i] = sin(M_PI * x) + 0.5 * sin(3 * M_PI * x); }
  double T = 0.1;
  double start = now_seconds();
  void* mem = CVodeCreate(CV_BDF, ctx); check_ptr(mem, "CVodeCreate");
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, rtol, atolv), "CVodeSStolerances");
  check(CVodeSetUserData(mem, &d), "CVodeSetUserData");
  SUNMatrix A = SUNBandMatrix(n, 1, 1, ctx); SUNLinearSolver LS = SUNLinSol_Band(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 100, CV_HERMITE), "CVodeAdjInit");
  sunrealtype tret; int ncheck;
  check(CVodeF(mem, T, y, &tret, CV_NORMAL, &ncheck), "CVodeF");
  long nf; CVodeGetNumSteps(mem, &nf);
  N_Vector yB = N_VNew_Serial(n, ctx); sunrealtype* w = N_VGetArrayPointer(yB);
  double J = 0;
  for (long i = 0; i < n; i++) {
    double r = u[i] - 0.3 * sin(M_PI * (i + 1) * d.h);
    J += 0.5 * d.h * r * r;
    w[i] = d.h * r;
  }
  N_Vector qB = N_VNew_Serial(n + 1, ctx); N_VConst(0.0, qB);
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, T, yB), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, rtol, atolv * d.h), "CVodeSStolerancesB");
  check(CVodeSetUserDataB(mem, which, &d), "CVodeSetUserDataB");
  SUNMatrix AB = SUNBandMatrix(n, 1, 1, ctx); SUNLinearSolver LSB = SUNLinSol_Band(yB, AB, ctx);
  check(CVodeSetLinearSolverB(mem, which, LSB, AB), "CVodeSetLinearSolverB");
  check(CVodeSetJacFnB(mem, which, jacB), "CVodeSetJacFnB");
  check(CVodeSetMaxNumStepsB(mem, which, 10000000), "CVodeSetMaxNumStepsB");
  check(CVodeQuadInitB(mem, which, quadB, qB), "CVodeQuadInitB");
  check(CVodeSetQuadErrConB(mem, which, SUNTRUE), "CVodeSetQuadErrConB");
  check(CVodeQuadSStolerancesB(mem, which, rtol, atolv * d.h), "CVodeQuadSStolerancesB");
  check(CVodeB(mem, 0.0, CV_NORMAL), "CVodeB");
  check(CVodeGetB(mem, which, &tret, yB), "CVodeGetB");
  check(CVodeGetQuadB(mem, which, &tret, qB), "CVodeGetQuadB");
  double seconds = now_seconds() - start;
  long nb; CVodeGetNumSteps(CVodeGetAdjCVodeBmem(mem, which), &nb);
  print_result("heat", rtol, atolv, J, N_VGetArrayPointer(qB), n + 1, N_VGetArrayPointer(yB), n, seconds, nf, nb);
  return 0;
}
