import { z } from 'zod';
import type { AuditAction } from '../../shared/contract/admin.contract';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { timeOrderedId } from '../_lib/now';
import { afterCursor, Cursor, PAGE_SIZE, type Page, pageFrom, withCursor } from '../_lib/page';
import type { Tx } from '../_lib/tx';

/** What an audit entry is about. */
export const AuditKind = z.enum(['zone', 'person', 'invite', 'category', 'settings', 'deadlineRules']);
export type AuditKind = z.infer<typeof AuditKind>;

/** The admin change an entry records (declared with the wire contract). */
export type { AuditAction };

/**
 * One admin change, append-only: who (id and name at the time), when, what (the action and its target) and the
 * record before and after (null for a creation or a deletion). Written by `audit()` inside the change's own
 * transaction, so a change without its entry (or an entry without its change) cannot be committed.
 */
export type AuditEntry = {
  _id: string;
  at: Date;
  by: string;
  byName: string | null;
  action: AuditAction;
  target: { kind: AuditKind; id: string; name: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** A line for people: what moved, which fields changed. */
  note: string | null;
};

const STAMPS = new Set(['_id', 'updatedAt', 'updatedBy', 'version', 'createdAt', 'createdBy', 'qrFileID', 'qrSceneId']);

/** A record as the log keeps it: stamps left out (the entry has its own who and when). */
export function snapshot(doc: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!doc) return null;
  return Object.fromEntries(Object.entries(doc).filter(([k, v]) => !STAMPS.has(k) && v !== undefined));
}

/** The fields whose values differ between two snapshots (JSON comparison). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort();
}

/** Appends the entry for a change, in the change's transaction. */
export async function audit(
  tx: Tx,
  caller: CallerContext,
  now: Date,
  entry: Pick<AuditEntry, 'action' | 'target'> & {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    note?: string;
  },
): Promise<void> {
  const before = snapshot(entry.before);
  const after = snapshot(entry.after);
  const doc: Omit<AuditEntry, '_id'> = {
    at: now,
    by: caller.id,
    byName: caller.name,
    action: entry.action,
    target: entry.target,
    before,
    after,
    note: entry.note ?? (before && after ? changedFields(before, after).join(',') || null : null),
  };
  await tx
    .collection(COLLECTIONS.adminAudit)
    .doc(timeOrderedId(now))
    .set({ data: doc as unknown as Record<string, unknown> });
}

export const AuditQuery = z.strictObject({
  kind: AuditKind.optional(),
  targetId: z.string().min(1).max(64).optional(),
  cursor: Cursor.optional(),
});

/** The log, newest first, 20 a page; by kind of record, or one record's entries. */
export async function listAudit(input: z.output<typeof AuditQuery>): Promise<Page<AuditEntry>> {
  const filter: Record<string, unknown> = {};
  if (input.kind) filter['target.kind'] = input.kind;
  if (input.targetId) filter['target.id'] = input.targetId;
  const res = await db()
    .collection(COLLECTIONS.adminAudit)
    .where(withCursor(filter, afterCursor(input.cursor, 'at', 'date', 'desc')))
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE_SIZE + 1)
    .get();
  return pageFrom(rowsOf<AuditEntry>(res), (e) => e.at);
}
