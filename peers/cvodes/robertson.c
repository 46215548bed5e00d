/* P2 Robertson with CVODES (as cvsRoberts_ASAi_dns): BDF + dense Newton forward and backward,
 * J = int_0^T y3 dt over [0, 4e7].
 *   adjoint:  lambda(T) = 0,  lambda' = -(f_y)^T lambda - e3,  dJ/dp = int_0^T (f_p)^T lambda dt
 * Usage: robertson RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]  -> JSON on stdout
 * (common.h). The adjoint's tolerances are the forward ones either way, as in the SUNDIALS example. */
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include "common.h"

typedef struct { sunrealtype p[3]; } Data;

static int rhs(sunrealtype t, N_Vector yv, N_Vector ydot, void* ud) {
  sunrealtype* p = ((Data*)ud)->p; sunrealtype* y = N_VGetArrayPointer(yv); sunrealtype* f = N_VGetArrayPointer(ydot);
  sunrealtype r1 = p[0] * y[0], r2 = p[1] * y[1] * y[2], r3 = p[2] * y[1] * y[1];
  f[0] = -r1 + r2; f[1] = r1 - r2 - r3; f[2] = r3;
  return 0;
}

static int jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void* ud, N_Vector a, N_Vector b, N_Vector c) {
  sunrealtype* p = ((Data*)ud)->p; sunrealtype* y = N_VGetArrayPointer(yv);
  SM_ELEMENT_D(J, 0, 0) = -p[0]; SM_ELEMENT_D(J, 0, 1) = p[1] * y[2]; SM_ELEMENT_D(J, 0, 2) = p[1] * y[1];
  SM_ELEMENT_D(J, 1, 0) = p[0]; SM_ELEMENT_D(J, 1, 1) = -p[1] * y[2] - 2 * p[2] * y[1]; SM_ELEMENT_D(J, 1, 2) = -p[1] * y[1];
  SM_ELEMENT_D(J, 2, 0) = 0; SM_ELEMENT_D(J, 2, 1) = 2 * p[2] * y[1]; SM_ELEMENT_D(J, 2, 2) = 0;
  return 0;
}

static int quad(sunrealtype t, N_Vector yv, N_Vector qdot, void* ud) {
  N_VGetArrayPointer(qdot)[0] = N_VGetArrayPointer(yv)[2];
  return 0;
}

/* yB' = -(f_y)^T yB - (0, 0, 1) */
static int rhsB(sunrealtype t, N_Vector yv, N_Vector yB, N_Vector yBdot, void* ud) {
  sunrealtype* p = ((Data*)ud)->p; sunrealtype* y = N_VGetArrayPointer(yv); sunrealtype* w = N_VGetArrayPointer(yB);
  sunrealtype* o = N_VGetArrayPointer(yBdot);
  sunrealtype dd = w[0] - w[1];
  o[0] = p[0] * dd;
  o[1] = -(p[1] * y[2] * dd + 2 * p[2] * y[1] * (w[2] - w[1]));
  o[2] = -(p[1] * y[1] * dd) - 1.0;
  return 0;
}

static int jacB(sunrealtype t, N_Vector yv, N_Vector yB, N_Vector fyB, SUNMatrix JB, void* ud, N_Vector a, N_Vector b,
                N_Vector c) {
  sunrealtype* p = ((Data*)ud)->p; sunrealtype* y = N_VGetArrayPointer(yv);
  /* -(f_y)^T */
  SM_ELEMENT_D(JB, 0, 0) = p[0]; SM_ELEMENT_D(JB, 0, 1) = -p[0]; SM_ELEMENT_D(JB, 0, 2) = 0;
  SM_ELEMENT_D(JB, 1, 0) = -p[1] * y[2]; SM_ELEMENT_D(JB, 1, 1) = p[1] * y[2] + 2 * p[2] * y[1];
  SM_ELEMENT_D(JB, 1, 2) = -2 * p[2] * y[1];
  SM_ELEMENT_D(JB, 2, 0) = -p[1] * y[1]; SM_ELEMENT_D(JB, 2, 1) = p[1] * y[1]; SM_ELEMENT_D(JB, 2, 2) = 0;
  return 0;
}

/* qB' = -(f_p)^T yB */
static int quadB(sunrealtype t, N_Vector yv, N_Vector yB, N_Vector qBdot, void* ud) {
  sunrealtype* y = N_VGetArrayPointer(yv); sunrealtype* w = N_VGetArrayPointer(yB); sunrealtype* q = N_VGetArrayPointer(qBdot);
  sunrealtype dd = w[0] - w[1];
  q[0] = -(-y[0] * dd);
  q[1] = -(y[1] * y[2] * dd);
  q[2] = -(y[1] * y[1] * (w[2] - w[1]));
  return 0;
}

static SUNContext ctx;
static Data d = {{0.04, 1.0e4, 3.0e7}};
static sunrealtype dJdp[3], dJdy0[3];

static void solve(const Options* o, Result* r) {
  double T = 4e7;
  N_Vector y = N_VNew_Serial(3, ctx); sunrealtype* yy = N_VGetArrayPointer(y); yy[0] = 1; yy[1] = 0; yy[2] = 0;
  N_Vector q = N_VNew_Serial(1, ctx); N_VConst(0.0, q);
  void* mem = CVodeCreate(CV_BDF, ctx); check_ptr(mem, "CVodeCreate");
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, o->rtol, o->atol), "CVodeSStolerances");
  check(CVodeSetUserData(mem, &d), "CVodeSetUserData");
  SUNMatrix A = SUNDenseMatrix(3, 3, ctx); SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeQuadInit(mem, quad, q), "CVodeQuadInit");
  check(CVodeSetQuadErrCon(mem, SUNTRUE), "CVodeSetQuadErrCon");
  check(CVodeQuadSStolerances(mem, o->rtol, o->atol), "CVodeQuadSStolerances");
  check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 150, CV_HERMITE), "CVodeAdjInit");
  sunrealtype tret; int ncheck;
  check(CVodeF(mem, T, y, &tret, CV_NORMAL, &ncheck), "CVodeF");
  check(CVodeGetQuad(mem, &tret, q), "CVodeGetQuad");
  /* Robertson's adjoint is of the state's size: its tolerances are the forward ones in both modes. */
  r->rtolB = o->rtol; r->atolB = o->atol;
  N_Vector yB = N_VNew_Serial(3, ctx); N_VConst(0.0, yB);
  N_Vector qB = N_VNew_Serial(3, ctx); N_VConst(0.0, qB);
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, T, yB), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, r->rtolB, r->atolB), "CVodeSStolerancesB");
  check(CVodeSetUserDataB(mem, which, &d), "CVodeSetUserDataB");
  SUNMatrix AB = SUNDenseMatrix(3, 3, ctx); SUNLinearSolver LSB = SUNLinSol_Dense(yB, AB, ctx);
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
  r->J = N_VGetArrayPointer(q)[0];
  memcpy(dJdp, N_VGetArrayPointer(qB), sizeof dJdp); memcpy(dJdy0, N_VGetArrayPointer(yB), sizeof dJdy0);
  r->dJdp = dJdp; r->m = 3; r->dJdy0 = dJdy0; r->n = 3;
  N_VDestroy(y); N_VDestroy(q); N_VDestroy(yB); N_VDestroy(qB);
  SUNLinSolFree(LS); SUNMatDestroy(A); SUNLinSolFree(LSB); SUNMatDestroy(AB);
  CVodeFree(&mem);
}

static double default_atol(double rtol) { return 1e-10; }

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: robertson RTOL [ATOL] [--repeat R --warmup W --inner K --backward same|scaled]\n"); return 2; }
  Options o = parse_options(argc, argv, 1, default_atol);
  check(SUNContext_Create(SUN_COMM_NULL, &ctx), "SUNContext_Create");
  Result r;
  run_repeated("robertson", 3, o, solve, &r);
  SUNContext_Free(&ctx);
  return 0;
}
