/* P2 Robertson with CVODES (as cvsRoberts_ASAi_dns): BDF + dense Newton forward and backward,
 * J = int_0^T y3 dt over [0, 4e7].
 *   adjoint:  lambda(T) = 0,  lambda' = -(f_y)^T lambda - e3,  dJ/dp = int_0^T (f_p)^T lambda dt
 * Usage: robertson RTOL [ATOL]  -> JSON on stdout. */
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

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: robertson RTOL [ATOL]\n"); return 2; }
  double rtol = atof(argv[1]); double atolv = argc > 2 ? atof(argv[2]) : 1e-10;
  SUNContext ctx; check(SUNContext_Create(SUN_COMM_NULL, &ctx), "SUNContext_Create");
  Data d = {{0.04, 1.0e4, 3.0e7}};
  N_Vector y = N_VNew_Serial(3, ctx); sunrealtype* yy = N_VGetArrayPointer(y); yy[0] = 1; yy[1] = 0; yy[2] = 0;
  N_Vector q = N_VNew_Serial(1, ctx); N_VConst(0.0, q);
  double T = 4e7;
  double start = now_seconds();
  void* mem = CVodeCreate(CV_BDF, ctx); check_ptr(mem, "CVodeCreate");
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSStolerances(mem, rtol, atolv), "CVodeSStolerances");
  check(CVodeSetUserData(mem, &d), "CVodeSetUserData");
  SUNMatrix A = SUNDenseMatrix(3, 3, ctx); SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
  check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(mem, jac), "CVodeSetJacFn");
  check(CVodeQuadInit(mem, quad, q), "CVodeQuadInit");
  check(CVodeSetQuadErrCon(mem, SUNTRUE), "CVodeSetQuadErrCon");
  check(CVodeQuadSStolerances(mem, rtol, atolv), "CVodeQuadSStolerances");
  check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
  check(CVodeAdjInit(mem, 150, CV_HERMITE), "CVodeAdjInit");
  sunrealtype tret; int ncheck;
  check(CVodeF(mem, T, y, &tret, CV_NORMAL, &ncheck), "CVodeF");
  check(CVodeGetQuad(mem, &tret, q), "CVodeGetQuad");
  long nf; CVodeGetNumSteps(mem, &nf);
  N_Vector yB = N_VNew_Serial(3, ctx); N_VConst(0.0, yB);
  N_Vector qB = N_VNew_Serial(3, ctx); N_VConst(0.0, qB);
  int which;
  check(CVodeCreateB(mem, CV_BDF, &which), "CVodeCreateB");
  check(CVodeInitB(mem, which, rhsB, T, yB), "CVodeInitB");
  check(CVodeSStolerancesB(mem, which, rtol, atolv), "CVodeSStolerancesB");
  check(CVodeSetUserDataB(mem, which, &d), "CVodeSetUserDataB");
  SUNMatrix AB = SUNDenseMatrix(3, 3, ctx); SUNLinearSolver LSB = SUNLinSol_Dense(yB, AB, ctx);
  check(CVodeSetLinearSolverB(mem, which, LSB, AB), "CVodeSetLinearSolverB");
  check(CVodeSetJacFnB(mem, which, jacB), "CVodeSetJacFnB");
  check(CVodeSetMaxNumStepsB(mem, which, 10000000), "CVodeSetMaxNumStepsB");
  check(CVodeQuadInitB(mem, which, quadB, qB), "CVodeQuadInitB");
  check(CVodeSetQuadErrConB(mem, which, SUNTRUE), "CVodeSetQuadErrConB");
  check(CVodeQuadSStolerancesB(mem, which, rtol, atolv), "CVodeQuadSStolerancesB");
  check(CVodeB(mem, 0.0, CV_NORMAL), "CVodeB");
  check(CVodeGetB(mem, which, &tret, yB), "CVodeGetB");
  check(CVodeGetQuadB(mem, which, &tret, qB), "CVodeGetQuadB");
  double seconds = now_seconds() - start;
  long nb; CVodeGetNumSteps(CVodeGetAdjCVodeBmem(mem, which), &nb);
  print_result("robertson", rtol, atolv, N_VGetArrayPointer(q)[0], N_VGetArrayPointer(qB), 3, N_VGetArrayPointer(yB),
               3, seconds, nf, nb);
  return 0;
}
