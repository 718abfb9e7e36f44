/**
 * How far a request had got when kube-apiserver wrote an audit event of it: a later stage of the
 * same request (same auditID) replaces an earlier one, an earlier or equal one is merged away.
 * A Map, not an object literal: a stage read from a log could be named 'constructor'.
 */
const STAGE_RANKS = new Map<string, number>([['RequestReceived', 1], ['ResponseStarted', 2], ['ResponseComplete', 3], ['Panic', 3]]);

/** 1 to 3 for the stages above; 0 for no stage or one Kubernetes does not define. */
export function stageRank(stage: string | null | undefined): number {
  return stage ? (STAGE_RANKS.get(stage) ?? 0) : 0;
}
