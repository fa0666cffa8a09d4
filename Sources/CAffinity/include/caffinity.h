// Starting a query's helper thread on another CPU than its creator's
// (IndexFormat's BackgroundThread): the GNU scheduling calls, thread
// attributes and CPU_* macros Swift cannot import. Plain C types only.
#ifndef CAFFINITY_H
#define CAFFINITY_H
#include <pthread.h>
#ifdef __cplusplus
extern "C" {
#endif
/// The CPU the calling thread runs on, or -1 when that cannot be known.
int caffinity_current_cpu(void);
/// How many CPUs the calling thread may run on (-1 when that cannot be read).
int caffinity_allowed_cpus(void);
/// pthread_create(thread, NULL, start, arg), except that when `away_from`
/// is a CPU and the caller may run on others, the thread is made to start
/// on one of those others (the kernel places it there before it first
/// runs), and then allows every CPU the caller allows before calling
/// `start`, so the kernel may still balance it later. Falls back to a plain
/// pthread_create when that cannot be arranged. Returns pthread_create's code.
int caffinity_thread_create(pthread_t *thread, void *(*start)(void *), void *arg, int away_from);
#ifdef __cplusplus
}
#endif
#endif
