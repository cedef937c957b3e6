// The pairing experiment's helper (scripts/pairing-experiment.ts): holds until released, spins, then becomes the
// program it is given. Usage: hold WAIT SPIN program [args...]
//   WAIT 1: block until one byte arrives on standard input (the duet's barrier); 0: go on at once.
//   SPIN:   iterations of a dependent multiply-add loop first (the injected change; 0 for none).
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: hold WAIT SPIN program [args...]\n");
    return 2;
  }
  if (atoi(argv[1]) != 0) {
    char byte;
    if (read(0, &byte, 1) != 1) return 2;
  }
  unsigned long long n = strtoull(argv[2], NULL, 10);
  volatile unsigned long long x = 0; /* volatile: the loop is not optimised away */
  for (unsigned long long i = 0; i < n; i++) x = x * 31 + i;
  execvp(argv[3], argv + 3);
  perror("hold: exec");
  return 127;
}
