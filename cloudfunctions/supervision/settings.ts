import { z } from 'zod';
import { DEFAULT_ACCOUNTABILITY_SETTINGS } from '../../shared/accountability';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';

/** Accountability settings, configurable in the `settings` collection (document `accountability`). */
export const AccountabilitySettingsDoc = z.object({
  threshold: z.number().int().min(2).max(50).default(DEFAULT_ACCOUNTABILITY_SETTINGS.threshold),
  windowDays: z.number().int().min(1).max(365).default(DEFAULT_ACCOUNTABILITY_SETTINGS.windowDays),
  agendaAfterDays: z.number().int().min(1).max(90).default(DEFAULT_ACCOUNTABILITY_SETTINGS.agendaAfterDays),
  amberAt: z.number().min(0.1).max(0.99).default(DEFAULT_ACCOUNTABILITY_SETTINGS.amberAt),
});

export async function accountabilitySettings() {
  const res = await db().collection(COLLECTIONS.settings).where({ _id: 'accountability' }).limit(1).get();
  const { _id, ...doc } = (rowsOf(res)[0] ?? {}) as Record<string, unknown>;
  return AccountabilitySettingsDoc.parse(doc);
}
