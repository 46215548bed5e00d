#!/usr/bin/env bash
# Installs SUNDIALS (Debian's libsundials-dev) if missing and builds the CVODES peer programs into
# peers/cvodes/bin. Needs root or sudo for the install; the programs print one JSON object each.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f /usr/include/cvodes/cvodes.h ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q libsundials-dev; else sudo apt-get install -y -q libsundials-dev; fi
fi
mkdir -p bin
for p in lorenz96 robertson heat; do
  gcc -O3 -march=native -o "bin/$p" "$p.c" -lsundials_cvodes -lsundials_nvecserial -lsundials_sunmatrixdense \
    -lsundials_sunlinsoldense -lsundials_sunmatrixband -lsundials_sunlinsolband -lsundials_sunnonlinsolfixedpoint \
    -lsundials_sunnonlinsolnewton -lm
done
echo "built: $(ls bin | tr '\n' ' ')"
