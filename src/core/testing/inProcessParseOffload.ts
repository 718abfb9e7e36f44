import { PackedLogReader, type ParseOffload } from '../ingest/parseOffload';
import { portablePlatform } from '../platform/portable';

/**
 * A parse worker's work done on the calling thread: the same reader and packer, batches handed
 * over as they are made. Lets tests store packed events without starting a worker.
 */
export function inProcessParseOffload(): ParseOffload {
  return {
    open(job, onBatch, onLines) {
      const reader = new PackedLogReader(job, portablePlatform, onBatch);
      return {
        async push(chunk) {
          await reader.push(chunk);
          onLines?.(reader.lines);
        },
        end: () => reader.end(),
        abandon: (reason) => reader.abandon(reason),
      };
    },
  };
}
