// A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Rust's std (1.78 and later) imports its
// ProcessPrng for random numbers, so no Rust program built for Windows starts under Wine without it. It forwards
// to BCryptGenRandom, which Wine has. Built with mingw-w64 by scripts/windows-build.sh, for the Wine tests only.
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
