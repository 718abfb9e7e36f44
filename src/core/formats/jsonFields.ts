/**
 * Reading fields out of JSON records written by log shippers, where the same field may be nested
 * (`{"cluster":{"name":"x"}}`), flattened with dots (`{"cluster.name":"x"}`, as fluentd's
 * record_transformer writes it), or a mix of both.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message.slice(0, 120)}` };
  }
}

/** A parsed JSON object, or the reason it is not one. */
export function parseJsonObject(text: string, what: string): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  return isObject(parsed.value) ? { ok: true, value: parsed.value } : { ok: false, reason: `${what} is not a JSON object` };
}

/**
 * The value at a dotted path, whichever way the record spells it: `cluster.name` finds
 * `{"cluster.name":..}`, `{"cluster":{"name":..}}`, and deeper mixes. Longer flat keys are tried
 * first, so `kubernetes.cluster` is not mistaken for a `kubernetes` object's `cluster`.
 */
export function fieldAt(record: unknown, path: string): unknown {
  if (!isObject(record)) return undefined;
  if (path in record) return record[path];
  let dot = path.lastIndexOf('.');
  while (dot > 0) {
    const head = path.slice(0, dot);
    if (head in record) {
      const found = fieldAt(record[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.lastIndexOf('.', dot - 1);
  }
  return undefined;
}

/** A non-empty string, else null. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A whole number from a number or a numeric string, else null. */
export function integer(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** The first of several dotted paths that holds a non-empty string. */
export function firstText(record: unknown, paths: readonly string[]): string | null {
  for (const p of paths) {
    const t = text(fieldAt(record, p));
    if (t !== null) return t;
  }
  return null;
}

/**
 * Turns dotted top-level keys into nested objects (`{"user.username":"a"}` → `{"user":{"username":"a"}}`)
 * so that a flattened export reads like the original record. Keys under `annotations.` keep their
 * dots: annotation names (`authorization.k8s.io/decision`) contain them.
 */
export function unflatten(record: JsonObject): JsonObject {
  let flat = false;
  for (const k in record) {
    if (k.includes('.')) {
      flat = true;
      break;
    }
  }
  if (!flat) return record;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(record)) {
    if (!key.includes('.') || key.startsWith('@')) {
      mergeInto(out, key, value);
      continue;
    }
    const parts = key.startsWith('annotations.') ? ['annotations', key.slice('annotations.'.length)] : key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (!isObject(next)) node[part] = {};
      node = node[part] as JsonObject;
    }
    mergeInto(node, parts[parts.length - 1], value);
  }
  return out;
}

function mergeInto(target: JsonObject, key: string, value: unknown): void {
  const existing = target[key];
  if (isObject(existing) && isObject(value)) Object.assign(existing, value);
  else if (!(key in target) || !isObject(existing)) target[key] = value;
}

/** Splits `10.0.0.7:47204` or `[2001:db8::1]:443` into address and port; a bare address keeps a null port. */
export function splitHostPort(value: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2]) };
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(value);
  if (v4) return { host: v4[1], port: Number(v4[2]) };
  return { host: value, port: null };
}
