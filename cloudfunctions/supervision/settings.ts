import { z } from 'zod';
import { DEFAULT_ACCOUNTABILITY_SETTINGS } from '../../shared/accountability';
import { type CallerContext, isAdmin } from '../_lib/caller';
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

/** What an admin may set: the whole document (the nightly job reads it on its next run). */
export const SaveSettingsRequest = z.strictObject({
  threshold: z.number().int().min(2).max(50),
  windowDays: z.number().int().min(1).max(365),
  agendaAfterDays: z.number().int().min(1).max(90),
  amberAt: z.number().min(0.1).max(0.99),
});

/** The settings in force, and whether the caller (an admin) may change them. */
export async function settingsView(caller: CallerContext) {
  return { ...(await accountabilitySettings()), editable: isAdmin(caller) };
}

/** Replaces the settings document (last write wins: a whole, validated document, so never a half-written one). */
export async function saveSettings(input: z.output<typeof SaveSettingsRequest>, now: Date, by: string) {
  await db()
    .collection(COLLECTIONS.settings)
    .doc('accountability')
    .set({ data: { ...input, updatedAt: now, updatedBy: by } });
  return accountabilitySettings();
}
