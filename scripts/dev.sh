#!/usr/bin/env bash
# Wirebench's one entry point for people and CI (Debian 12 / Ubuntu):
#   scripts/dev.sh start   install what is missing, build, start the desktop app
#   scripts/dev.sh test    install what is missing, build, run every test
#   scripts/dev.sh bench   build, then measure `wirebench serve` and `wirebench send` against Node
#                          (and nginx), the mock panel under load and the pool visualiser at scale
#   scripts/dev.sh sanitize install what is missing, build with ASan+UBSan (preset debug), run
#                          every test under them (CI runs it after `test`)
#   scripts/dev.sh fuzz [SECONDS [TARGET…]]
#                          build the libFuzzer targets (clang, ASan+UBSan) and run each for SECONDS
#                          (default 900), one at a time; figures and findings under build-fuzz/
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PACKAGES=(qt6-base-dev qt6-base-dev-tools libqt6test6 node-llhttp cmake ninja-build g++)
TEST_PACKAGES=(curl python3 wrk nginx-light)
BENCH_PACKAGES=(wrk nginx-light)
FUZZ_PACKAGES=(clang libclang-rt-14-dev python3)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake --preset default > /dev/null
  cmake --build --preset default
}

case "${1:-}" in
  start)
    install_missing "${BUILD_PACKAGES[@]}"
    build
    exec build/bin/wirebench
    ;;
  test | sanitize)
    packages=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
    command -v node > /dev/null || packages+=(nodejs)
    install_missing "${packages[@]}"
    preset=default
    [ "$1" = sanitize ] && preset=debug
    cmake --preset "$preset" > /dev/null
    cmake --build --preset "$preset"
    ctest --preset "$preset"
    ;;
  bench)
    packages=("${BUILD_PACKAGES[@]}" "${BENCH_PACKAGES[@]}")
    command -v node > /dev/null || packages+=(nodejs)
    install_missing "${packages[@]}"
    build
    tests/bench/bench-serve.sh build/bin/wirebench
    tests/bench/bench-send.sh build/bin/wirebench
    tests/bench/bench-panel.sh build
    tests/bench/bench-pool.sh build
    tests/bench/bench-echo.sh build/bin/wirebench
    tests/bench/bench-idle.sh build/bin/wirebench
    ;;
  fuzz)
    install_missing "${BUILD_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
    cmake --preset fuzz > /dev/null
    cmake --build --preset fuzz
    exec tests/fuzz/run-fuzz.sh build-fuzz "${@:2}"
    ;;
  *)
    echo "usage: scripts/dev.sh start|test|sanitize|bench|fuzz" >&2
    exit 2
    ;;
esac
