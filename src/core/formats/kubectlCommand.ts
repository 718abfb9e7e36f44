/**
 * The normalized action of a kubectl command line as a platform recorded it ("kubectl get pods -n
 * prod -o wide"): `kubectl <subcommand>`, plus the resource type for the subcommands that take one
 * (`kubectl get pods`, `kubectl delete deployment`), without names and flags, so that actions stay
 * few and comparable. The namespace named by -n / --namespace is returned too.
 */

/** Global and common flags that take the next word as their value (when not written `--flag=value`). */
const FLAGS_WITH_VALUE = new Set([
  '-n', '--namespace', '-l', '--selector', '-o', '--output', '-c', '--container', '-f', '--filename',
  '--context', '--cluster', '--user', '-s', '--server', '--kubeconfig', '--as', '--as-group', '--field-selector',
  '--sort-by', '--type', '--image', '--replicas', '--timeout', '-p', '--patch', '--token', '--request-timeout',
]);

/**
 * Subcommands whose first argument says what they act on: a resource type or `type/name` (`get
 * pods`, `delete deploy/web`), a generator (`create secret`), or a sub-subcommand (`auth can-i`,
 * `top nodes`). `rollout` has both: `kubectl rollout restart deployment`.
 */
const QUALIFIED = new Set([
  'get', 'describe', 'delete', 'edit', 'patch', 'label', 'annotate', 'scale', 'explain', 'create', 'set', 'expose',
  'autoscale', 'wait', 'auth', 'config', 'certificate', 'top',
]);

export interface KubectlCommand {
  action: string;
  namespace: string | null;
}

export function kubectlCommandAction(command: string): KubectlCommand | null {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'kubectl' && !words[0].endsWith('/kubectl')) return null;
  const positional: string[] = [];
  let namespace: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w.startsWith('-')) {
      const eq = w.indexOf('=');
      const flag = eq > 0 ? w.slice(0, eq) : w;
      const value = eq > 0 ? w.slice(eq + 1) : FLAGS_WITH_VALUE.has(flag) ? words[++i] : undefined;
      if ((flag === '-n' || flag === '--namespace') && value) namespace = value;
      continue;
    }
    positional.push(w);
  }
  const typeOf = (word: string | undefined): string | null => (word === undefined ? null : word.split('/')[0].toLowerCase());
  const sub = typeOf(positional[0]);
  const parts: (string | null)[] = ['kubectl', sub];
  if (sub === 'rollout') parts.push(typeOf(positional[1]), typeOf(positional[2]));
  else if (sub !== null && QUALIFIED.has(sub)) parts.push(typeOf(positional[1]));
  return { action: parts.filter((p) => p !== null).join(' '), namespace };
}
