import type { Database } from 'sql.js';
import { queryRows } from '../query/sqlRows';
import { recordActivity } from './activityLog';
import { isSeverity, normalizeTags, type Severity } from './severity';

/** A finding: annotated evidence, citing one or more events of the case. */
export interface Finding {
  id: number;
  createdAt: number;
  updatedAt: number;
  severity: Severity;
  tags: string[];
  note: string;
  analyst: string | null;
  starred: boolean;
  /** The events it cites, in time order. */
  eventIds: number[];
  /** Time of its first and last event (UTC epoch ms). */
  firstTs: number;
  lastTs: number;
}

export interface NewFinding {
  eventIds: readonly number[];
  severity?: Severity;
  tags?: readonly string[];
  note?: string;
  analyst?: string | null;
  starred?: boolean;
}

export interface FindingChanges {
  severity?: Severity;
  tags?: readonly string[];
  note?: string;
  starred?: boolean;
}

/** A finding that cannot be made as asked (unknown events, bad severity...): the message is shown as is. */
export class FindingError extends Error {}

/** A finding cites at most this many events: a finding is evidence to read, not a result set. */
export const MAX_FINDING_EVENTS = 10_000;
const MAX_NOTE_CHARS = 20_000;

/** Runs `work` atomically, inside or outside a transaction the caller already opened. */
export function inSavepoint<T>(db: Database, work: () => T): T {
  db.run('SAVEPOINT finding_change');
  try {
    const result = work();
    db.run('RELEASE finding_change');
    return result;
  } catch (err) {
    db.run('ROLLBACK TO finding_change');
    db.run('RELEASE finding_change');
    throw err;
  }
}

function existingEventIds(db: Database, ids: readonly number[]): number[] {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))];
  const found: number[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const { rows } = queryRows(db, `SELECT id FROM event_rows WHERE id IN (${chunk.map(() => '?').join(',')}) ORDER BY ts, file_id, line`, chunk);
    found.push(...rows.map((r) => Number(r[0])));
  }
  return found;
}

function checkNote(note: string): string {
  if (note.length > MAX_NOTE_CHARS) throw new FindingError(`the note is longer than ${MAX_NOTE_CHARS} characters`);
  return note;
}

/** How a new finding is logged: marked by hand (the default) or imported from a CSV by someone. */
export interface MarkLog {
  action: 'finding.mark' | 'finding.import';
  actor: string | null;
  details?: Record<string, unknown>;
}

/** Marks events as one finding and logs it; returns its id. */
export function markFinding(db: Database, finding: NewFinding, now = Date.now(), log?: MarkLog): number {
  const severity = finding.severity ?? 'info';
  if (!isSeverity(severity)) throw new FindingError(`unknown severity '${String(severity)}' (info, low, medium, high, critical)`);
  if (finding.eventIds.length > MAX_FINDING_EVENTS) throw new FindingError(`a finding cites at most ${MAX_FINDING_EVENTS} events (got ${finding.eventIds.length})`);
  const eventIds = existingEventIds(db, finding.eventIds);
  if (eventIds.length === 0) throw new FindingError('none of these events is in the case');
  const tags = normalizeTags(finding.tags ?? []);
  const note = checkNote(finding.note ?? '');
  const analyst = finding.analyst?.trim() || null;
  return inSavepoint(db, () => {
    db.run('INSERT INTO findings (created_at, updated_at, severity, tags, note, analyst, starred) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      now, now, severity, JSON.stringify(tags), note, analyst, finding.starred ? 1 : 0,
    ]);
    const id = Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
    const insert = db.prepare('INSERT INTO finding_events (finding_id, event_id) VALUES (?, ?)');
    try {
      for (const eventId of eventIds) insert.run([id, eventId]);
    } finally {
      insert.free();
    }
    const details = { finding_id: id, events: eventIds.length, severity, tags, note, starred: finding.starred ?? false, ...log?.details };
    recordActivity(db, log ? log.actor : analyst, log?.action ?? 'finding.mark', details, now);
    return id;
  });
}

/** Changes a finding's severity, tags, note or star, and logs what changed and who changed it. */
export function updateFinding(db: Database, id: number, changes: FindingChanges, actor: string | null, now = Date.now()): void {
  const before = getFinding(db, id);
  if (!before) throw new FindingError(`no finding ${id} in this case`);
  if (changes.severity !== undefined && !isSeverity(changes.severity)) throw new FindingError(`unknown severity '${String(changes.severity)}'`);
  const after = {
    severity: changes.severity ?? before.severity,
    tags: changes.tags ? normalizeTags(changes.tags) : before.tags,
    note: changes.note !== undefined ? checkNote(changes.note) : before.note,
    starred: changes.starred ?? before.starred,
  };
  const changed = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[])
      .filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]))
      .map((k) => [k, { from: before[k], to: after[k] }]),
  );
  if (Object.keys(changed).length === 0) return;
  inSavepoint(db, () => {
    db.run('UPDATE findings SET severity = ?, tags = ?, note = ?, starred = ?, updated_at = ? WHERE id = ?', [
      after.severity, JSON.stringify(after.tags), after.note, after.starred ? 1 : 0, now, id,
    ]);
    const onlyStar = Object.keys(changed).length === 1 && 'starred' in changed;
    recordActivity(db, actor, onlyStar ? 'finding.star' : 'finding.update', { finding_id: id, changes: changed }, now);
  });
}

/** Removes a finding (its events stay in the case); the log keeps what it was. */
export function deleteFinding(db: Database, id: number, actor: string | null, now = Date.now()): void {
  const before = getFinding(db, id);
  if (!before) throw new FindingError(`no finding ${id} in this case`);
  inSavepoint(db, () => {
    db.run('DELETE FROM finding_events WHERE finding_id = ?', [id]);
    db.run('DELETE FROM findings WHERE id = ?', [id]);
    recordActivity(db, actor, 'finding.delete', { finding_id: id, events: before.eventIds.length, severity: before.severity, tags: before.tags, note: before.note }, now);
  });
}

/**
 * Stars an event without a note, or takes the star off. Starring adds a bare finding (severity
 * info, no tags, no note); unstarring removes such a bare finding, or only clears the star of a
 * finding that carries more than that. Returns whether the event is starred afterwards.
 */
export function toggleStar(db: Database, eventId: number, actor: string | null, now = Date.now()): boolean {
  const starred = queryRows(
    db,
    'SELECT f.id, f.note, f.tags, f.severity FROM findings f JOIN finding_events fe ON fe.finding_id = f.id WHERE fe.event_id = ? AND f.starred = 1',
    [eventId],
  ).rows;
  if (starred.length === 0) {
    markFinding(db, { eventIds: [eventId], starred: true, analyst: actor }, now);
    return true;
  }
  for (const [id, note, tags, severity] of starred) {
    const bare = note === '' && tags === '[]' && severity === 'info';
    if (bare) deleteFinding(db, Number(id), actor, now);
    else updateFinding(db, Number(id), { starred: false }, actor, now);
  }
  return false;
}

const FINDING_SELECT = `SELECT f.id, f.created_at, f.updated_at, f.severity, f.tags, f.note, f.analyst, f.starred,
  ev.event_ids, ev.first_ts, ev.last_ts
  FROM findings f LEFT JOIN (
    SELECT fe.finding_id, group_concat(fe.event_id, ',' ORDER BY e.ts, e.file_id, e.line) AS event_ids, min(e.ts) AS first_ts, max(e.ts) AS last_ts
    FROM finding_events fe JOIN event_rows e ON e.id = fe.event_id GROUP BY fe.finding_id
  ) ev ON ev.finding_id = f.id`;

function toFinding(row: unknown[]): Finding {
  const [id, createdAt, updatedAt, severity, tags, note, analyst, starred, eventIds, firstTs, lastTs] = row;
  return {
    id: Number(id),
    createdAt: Number(createdAt),
    updatedAt: Number(updatedAt),
    severity: severity as Severity,
    tags: JSON.parse(String(tags)) as string[],
    note: String(note),
    analyst: analyst === null ? null : String(analyst),
    starred: starred === 1,
    eventIds: eventIds === null ? [] : String(eventIds).split(',').map(Number),
    firstTs: Number(firstTs ?? 0),
    lastTs: Number(lastTs ?? 0),
  };
}

export function getFinding(db: Database, id: number): Finding | null {
  const row = queryRows(db, `${FINDING_SELECT} WHERE f.id = ?`, [id]).rows[0];
  return row ? toFinding(row) : null;
}

/** Every finding, in the time order of its first event (the incident timeline). */
export function listFindings(db: Database): Finding[] {
  return queryRows(db, `SELECT * FROM (${FINDING_SELECT}) ORDER BY first_ts, id`).rows.map(toFinding);
}

/** The mark an event carries in a table: its highest severity, whether starred, and its findings. */
export interface FindingMark {
  eventId: number;
  severity: Severity;
  starred: boolean;
  findingIds: number[];
}

const SEVERITY_RANK = `CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END`;

/** Marks of the given events (those without a finding are left out). */
export function findingMarks(db: Database, eventIds: readonly number[]): FindingMark[] {
  const marks: FindingMark[] = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    const chunk = eventIds.slice(i, i + 500);
    const { rows } = queryRows(
      db,
      `SELECT fe.event_id, max(${SEVERITY_RANK}), max(f.starred), group_concat(f.id) FROM finding_events fe JOIN findings f ON f.id = fe.finding_id
       WHERE fe.event_id IN (${chunk.map(() => '?').join(',')}) GROUP BY fe.event_id`,
      [...chunk],
    );
    for (const [eventId, rank, starred, ids] of rows) {
      marks.push({
        eventId: Number(eventId),
        severity: (['info', 'low', 'medium', 'high', 'critical'] as const)[Number(rank)],
        starred: starred === 1,
        findingIds: String(ids).split(',').map(Number),
      });
    }
  }
  return marks;
}

/** Tags in use in the case with how many findings carry each, most used first. */
export function tagsInUse(db: Database): { tag: string; findings: number }[] {
  const { rows } = queryRows(db, 'SELECT j.value, count(*) AS n FROM findings f, json_each(f.tags) j GROUP BY j.value ORDER BY n DESC, j.value');
  return rows.map(([tag, n]) => ({ tag: String(tag), findings: Number(n) }));
}
