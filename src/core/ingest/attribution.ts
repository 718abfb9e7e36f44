/** Folders that hold logs: the folder directly above one names the cluster. */
const LOG_FOLDERS = new Set(['kube-apiserver', 'audit', 'nodes', 'log', 'logs']);

/**
 * Derives cluster and node from a path inside an archive or a dropped folder:
 * `prod-eu-1/kube-apiserver/audit.log` gives cluster prod-eu-1; `prod-eu-1/nodes/wk-1/auth.log`
 * gives cluster prod-eu-1 and node wk-1. Archive members are separated by `!`.
 */
export function attributeFromPath(path: string): { cluster: string | null; node: string | null } {
  const parts = path.split(/[/\\!]+/).filter((p) => p !== '' && p !== '.');
  const folders = parts.slice(0, -1);
  let cluster: string | null = null;
  let node: string | null = null;
  for (let i = 1; i < folders.length; i++) {
    if (LOG_FOLDERS.has(folders[i]) && !LOG_FOLDERS.has(folders[i - 1])) {
      cluster = folders[i - 1];
      if (folders[i] === 'nodes' && i + 1 < folders.length) node = folders[i + 1];
      break;
    }
  }
  return { cluster, node };
}
