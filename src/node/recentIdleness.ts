import { performance } from 'node:perf_hooks';

/**
 * Whether this thread's event loop sat idle (waiting for work) for more than `idleShare` of the
 * last whole window of `windowMs`: a cheap question asked often (a parse worker, at every raw
 * block it seals, to decide who compresses it). The answer changes once per window.
 */
export function recentIdleness(windowMs = 100, idleShare = 0.1): () => boolean {
  let from = performance.eventLoopUtilization();
  let fromAt = performance.now();
  let idle = false;
  return () => {
    const now = performance.now();
    if (now - fromAt >= windowMs) {
      const current = performance.eventLoopUtilization();
      idle = performance.eventLoopUtilization(current, from).utilization < 1 - idleShare;
      from = current;
      fromAt = now;
    }
    return idle;
  };
}
