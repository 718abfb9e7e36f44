/**
 * What kind of identity a user name is, from the shape Kubernetes and the identity provider give
 * it: `system:serviceaccount:NS:NAME`, `system:node:NAME`, `system:anonymous`, other `system:`
 * names (control-plane components), and everything else a person. A name seen only in
 * authentication logs is a host account (root, ubuntu, a person's login on a node).
 */
export type IdentityKind = 'person' | 'service account' | 'node' | 'system component' | 'anonymous' | 'host account';

export const IDENTITY_KINDS: readonly IdentityKind[] = ['person', 'service account', 'node', 'system component', 'anonymous', 'host account'];

export function identityKind(user: string, onlyHostLogs = false): IdentityKind {
  if (user.startsWith('system:serviceaccount:')) return 'service account';
  if (user.startsWith('system:node:')) return 'node';
  if (user === 'system:anonymous') return 'anonymous';
  if (user.startsWith('system:')) return 'system component';
  return onlyHostLogs ? 'host account' : 'person';
}

/** Names the same person may log in with over SSH: the name itself and, for an e-mail, its local part. */
export function loginNames(user: string): string[] {
  const at = user.indexOf('@');
  return at > 0 ? [user, user.slice(0, at)] : [user];
}
