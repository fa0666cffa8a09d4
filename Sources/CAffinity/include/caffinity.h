// Moving a new thread off its creator's CPU (IndexFormat's BackgroundThread):
// the GNU scheduling calls and CPU_* macros Swift cannot import. Plain C types only.
#ifndef CAFFINITY_H
#define CAFFINITY_H

#ifdef __cplusplus
extern "C" {
#endif

/// The CPU the calling thread runs on, or -1 when that cannot be known.
int caffinity_current_cpu(void);

/// Moves the calling thread to one of its allowed CPUs other than `cpu`
/// (sched_setaffinity migrates before it returns), then allows all of them
/// again, so the kernel may still balance it later. Returns 1 when it moved,
/// 0 when it could not (no other CPU allowed, or a call failed).
int caffinity_move_away_from(int cpu);

#ifdef __cplusplus
}
#endif

#endif
