// See include/caffinity.h.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "caffinity.h"

#if defined(__linux__)
#include <sched.h>

int caffinity_current_cpu(void) { return sched_getcpu(); }

int caffinity_move_away_from(int cpu) {
  cpu_set_t allowed, others;
  if (cpu < 0 || cpu >= CPU_SETSIZE) return 0;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 0;
  others = allowed;
  CPU_CLR(cpu, &others);
  if (CPU_COUNT(&others) == 0) return 0;
  if (sched_setaffinity(0, sizeof others, &others) != 0) return 0;
  (void)sched_setaffinity(0, sizeof allowed, &allowed);
  return 1;
}
#else
int caffinity_current_cpu(void) { return -1; }
int caffinity_move_away_from(int cpu) { (void)cpu; return 0; }
#endif
