// See include/caffinity.h.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "caffinity.h"
#include <stdlib.h>
#if defined(__linux__)
#include <sched.h>

int caffinity_current_cpu(void) { return sched_getcpu(); }

int caffinity_allowed_cpus(void) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
  return CPU_COUNT(&allowed);
}

// What the new thread needs before its work: the CPUs to allow again.
struct start_box {
  void *(*start)(void *);
  void *arg;
  cpu_set_t allowed;
};

static void *start_then_allow_all(void *raw) {
  struct start_box box = *(struct start_box *)raw;
  free(raw);
  (void)sched_setaffinity(0, sizeof box.allowed, &box.allowed);
  return box.start(box.arg);
}

int caffinity_thread_create(pthread_t *thread, void *(*start)(void *), void *arg, int away_from) {
  cpu_set_t allowed, others;
  if (away_from >= 0 && away_from < CPU_SETSIZE && sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
    others = allowed;
    CPU_CLR(away_from, &others);
    struct start_box *box = CPU_COUNT(&others) > 0 ? malloc(sizeof *box) : NULL;
    if (box) {
      box->start = start;
      box->arg = arg;
      box->allowed = allowed;
      pthread_attr_t attr;
      int rc = -1;
      if (pthread_attr_init(&attr) == 0) {
        // glibc holds the new thread until its affinity is set, so it first
        // runs on one of `others`, not queued behind its busy creator.
        if (pthread_attr_setaffinity_np(&attr, sizeof others, &others) == 0)
          rc = pthread_create(thread, &attr, start_then_allow_all, box);
        pthread_attr_destroy(&attr);
      }
      if (rc == 0) return 0;
      free(box);
    }
  }
  return pthread_create(thread, NULL, start, arg);
}
#else
int caffinity_current_cpu(void) { return -1; }
int caffinity_allowed_cpus(void) { return -1; }
int caffinity_thread_create(pthread_t *thread, void *(*start)(void *), void *arg, int away_from) {
  (void)away_from;
  return pthread_create(thread, NULL, start, arg);
}
#endif
