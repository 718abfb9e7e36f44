// The CLI itself (out/cli/cli.mjs), loaded by out/cli/trailhound.cjs (src/cli/main.ts): a bundle of
// its own so that the process that only reruns an import in a child never loads it.
export { runCli } from '../runCli';
