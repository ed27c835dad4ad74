import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Text } from '../../shared/common';
import { Severity } from '../../shared/common/severity.schema';
import { DeadlineRules } from '../../shared/deadlines/deadline.schema';
import { AppError } from '../../shared/errors';
import { EscalationLevels } from '../../shared/escalation';
import { isReporterVisible } from '../../shared/org/category.defaults';
import { insertCategory, orderChanges, sortCategories, swapWithNeighbour } from '../../shared/org/category.order';
import { Category, CategoryCode, DEFAULT_CATEGORIES } from '../../shared/org/category.schema';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { TicketSettings } from '../_lib/refdata';
import { runTx, type Tx, txGet } from '../_lib/tx';
import { afterWrite, assertVersion, namesOf, stampOf, versionOf } from './admin.common';
import { audit } from './audit';
import { assertFrozenKept } from './deadline-sets.service';

/**
 * The reference-data cache reads at most 100 categories (cloudfunctions/_lib/refdata.ts); a few dozen is
 * already more than a report form can show, so the list is one bounded read, not paged.
 */
export const MAX_CATEGORIES = 60;

/** A category as the admin edits it: the shared Category plus an icon and the patrol checklist. */
export const AdminCategory = Category.extend({
  /** An emoji shown on the report grid. */
  icon: z.string().trim().min(1).max(8).optional(),
  /** What an inspector checks for this category on patrol. */
  checklist: z.array(Text(40)).max(12).optional(),
  /** Whether students and staff reporting by QR code see it (inspectors see every category). */
  reporterVisible: z.boolean().optional(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;

type CategoryDoc = AdminCategory & { _id: string; order?: number; version?: number; updatedBy?: string; updatedAt?: Date };

export const SaveCategory = z.strictObject({
  /** The key: immutable (tickets store it). Absent to create: the server makes one; admins never type it. */
  code: CategoryCode.optional(),
  /** Absent to create; the version read to update. */
  version: z.number().int().nonnegative().optional(),
  name: Text(20),
  defaultSeverity: Severity,
  deadlineRuleId: Category.shape.deadlineRuleId,
  icon: AdminCategory.shape.icon,
  checklist: AdminCategory.shape.checklist,
  reporterVisible: AdminCategory.shape.reporterVisible,
});
export type SaveCategory = z.output<typeof SaveCategory>;

/** `order`: the position in the lists (0 first), as `sortCategories` reads it. */
export type CategoryView = Omit<AdminCategory, 'reporterVisible'> & {
  reporterVisible: boolean;
  order: number;
  version: number;
  updatedAt: Date | null;
};

const viewOf = (d: CategoryDoc, order: number): CategoryView => ({
  code: d.code,
  name: d.name,
  defaultSeverity: d.defaultSeverity,
  deadlineRuleId: d.deadlineRuleId,
  ...(d.icon ? { icon: d.icon } : {}),
  ...(d.checklist ? { checklist: d.checklist } : {}),
  reporterVisible: isReporterVisible(d),
  order,
  version: versionOf(d),
  updatedAt: d.updatedAt ?? null,
});

/**
 * Stored categories, or the defaults (version 0) while none are stored: what the ticket functions use.
 * In list order (`sortCategories`: stored `order`, else the defaults' order, then code).
 */
async function storedCategories(): Promise<{ docs: CategoryDoc[]; stored: boolean }> {
  const res = await db().collection(COLLECTIONS.categories).limit(100).get();
  const docs = rowsOf<CategoryDoc>(res);
  if (docs.length > 0) return { docs: sortCategories(docs), stored: true };
  return { docs: DEFAULT_CATEGORIES.map((c) => ({ _id: c.code, ...c })), stored: false };
}

const dataOf = (d: CategoryDoc): Record<string, unknown> => {
  const { _id, ...data } = d;
  return data;
};

/**
 * Inside a transaction: writes `order` 0, 1, 2, … following `list` to every category whose stored order
 * differs, each with its version bumped and the stamp. Each is read in the transaction first (a concurrent
 * change of its other fields is kept, or conflicts); a default not stored yet is written whole. `skip`: the
 * code the caller writes itself.
 */
async function writeOrders(tx: Tx, list: readonly CategoryDoc[], stamp: Record<string, unknown>, skip?: string): Promise<void> {
  const byCode = new Map(list.map((d) => [d.code, d]));
  for (const { code, order } of orderChanges(list)) {
    if (code === skip) continue;
    const current = await txGet<CategoryDoc>(tx, COLLECTIONS.categories, code);
    const ref = tx.collection(COLLECTIONS.categories).doc(code);
    if (current) {
      await ref.update({ data: { order, version: versionOf(current) + 1, ...stamp } });
    } else {
      const d = byCode.get(code) as CategoryDoc;
      const data = { code: d.code, name: d.name, defaultSeverity: d.defaultSeverity, deadlineRuleId: d.deadlineRuleId };
      await ref.set({ data: { ...data, order, version: 1, ...stamp } });
    }
  }
}

/** The stored ticket settings document (raw), or null while the defaults apply. */
async function settingsDoc(): Promise<Record<string, unknown> | null> {
  const res = await db().collection(COLLECTIONS.settings).where({ _id: 'tickets' }).limit(1).get();
  return rowsOf(res)[0] ?? null;
}

const ruleIdsOf = (doc: Record<string, unknown> | null): string[] => Object.keys(TicketSettings.parse(stripMeta(doc ?? {})).deadlineRules);

function stripMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const { _id, version, updatedBy, updatedAt, ...rest } = doc;
  return rest;
}

/** Every category (defaults until one is saved) and the deadline rule set ids a category may use. */
export async function listCategories(): Promise<{ items: CategoryView[]; ruleIds: string[]; stored: boolean }> {
  const [{ docs, stored }, settings] = await Promise.all([storedCategories(), settingsDoc()]);
  return { items: docs.map((d, i) => viewOf(d, i)), ruleIds: ruleIdsOf(settings), stored };
}

/**
 * Creates or updates a category. While none are stored the ticket functions use the defaults, so the first
 * save writes the defaults along with it (in one transaction): saving one category never hides the others.
 */
export async function saveCategory(raw: SaveCategory, caller: CallerContext, now: Date): Promise<CategoryView> {
  // A new category's code is made here from the time (lower-case base 36, as CategoryCode requires); the
  // unique `_id` turns a same-millisecond twin into CATEGORY_EXISTS rather than an overwrite.
  const input = { ...raw, code: raw.code ?? `c${now.getTime().toString(36)}` };
  const ruleIds = ruleIdsOf(await settingsDoc());
  if (!ruleIds.includes(input.deadlineRuleId)) {
    throw new AppError(ADMIN_ERRORS.UNKNOWN_RULE, `no deadline rule set ${input.deadlineRuleId}`, { ruleIds });
  }
  const stamp = stampOf(caller, now);
  const saved = await runTx(async (tx) => {
    const { docs, stored } = await storedCategories();
    const existing =
      (await txGet<CategoryDoc>(tx, COLLECTIONS.categories, input.code)) ??
      (stored ? null : (docs.find((d) => d.code === input.code) ?? null));
    if (input.version === undefined) {
      if (existing) throw new AppError(ADMIN_ERRORS.CATEGORY_EXISTS, `category ${input.code} exists`);
      if (docs.length >= MAX_CATEGORIES) throw new AppError(ADMIN_ERRORS.TOO_MANY_CATEGORIES, `at most ${MAX_CATEGORIES} categories`);
    } else {
      if (!existing) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no category ${input.code}`);
      assertVersion(existing, input.version, 'category');
    }
    // The list order with this category in it: a new one goes just before 其他 (`other`), or last.
    const list = existing ? docs : insertCategory(docs, { _id: input.code, code: input.code } as CategoryDoc);
    const order = list.findIndex((d) => d.code === input.code);
    await writeOrders(tx, list, stamp, input.code);
    const { version: _v, ...fields } = input;
    const doc: CategoryDoc = { _id: input.code, ...fields, order, version: (existing ? versionOf(existing) : 0) + 1, ...stamp };
    if (!doc.icon) delete doc.icon;
    if (!doc.checklist) delete doc.checklist;
    if (doc.reporterVisible === undefined) delete doc.reporterVisible;
    await tx
      .collection(COLLECTIONS.categories)
      .doc(doc._id)
      .set({ data: dataOf(doc) });
    await audit(tx, caller, now, {
      action: 'category.save',
      target: { kind: 'category', id: input.code, name: input.name },
      before: existing as unknown as Record<string, unknown> | null,
      after: doc as unknown as Record<string, unknown>,
    });
    return doc;
  });
  afterWrite();
  return viewOf(saved, saved.order ?? 0);
}

export const MoveCategory = z.strictObject({
  code: CategoryCode,
  direction: z.enum(['up', 'down']),
  /** The version of the moved category read, to refuse a move based on a stale list. */
  version: z.number().int().nonnegative().optional(),
});
export type MoveCategory = z.output<typeof MoveCategory>;

/**
 * Swaps a category with its neighbour above or below in the list (one transaction: both orders change
 * together, with any category that had no stored order yet). While none are stored, the defaults are stored
 * with it. Answers the list as `categories` does.
 */
export async function moveCategory(
  input: MoveCategory,
  caller: CallerContext,
  now: Date,
): Promise<{ items: CategoryView[]; ruleIds: string[]; stored: boolean }> {
  const stamp = stampOf(caller, now);
  await runTx(async (tx) => {
    const { docs } = await storedCategories();
    const moved = swapWithNeighbour(docs, input.code, input.direction);
    if (moved === undefined) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no category ${input.code}`);
    if (input.version !== undefined) {
      const current = (await txGet<CategoryDoc>(tx, COLLECTIONS.categories, input.code)) ?? {};
      assertVersion(current, input.version, 'category');
    }
    if (moved === null) {
      throw new AppError(
        ADMIN_ERRORS.CATEGORY_AT_EDGE,
        `category ${input.code} is already ${input.direction === 'up' ? 'first' : 'last'}`,
        {
          direction: input.direction,
        },
      );
    }
    await writeOrders(tx, moved, stamp);
    await audit(tx, caller, now, {
      action: 'category.move',
      target: { kind: 'category', id: input.code, name: docs.find((d) => d.code === input.code)?.name ?? null },
      before: { order: docs.map((d) => d.code) },
      after: { order: moved.map((d) => d.code) },
    });
  });
  afterWrite();
  return listCategories();
}

export const SaveTicketSettings = z.strictObject({
  version: z.number().int().nonnegative(),
  deadlineRules: DeadlineRules.refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 20, {
    message: 'between 1 and 20 rule sets',
  }),
  escalationLevels: EscalationLevels,
  rateLimitPerHour: TicketSettings.shape.rateLimitPerHour.unwrap().optional(),
  joinWindowMinutes: TicketSettings.shape.joinWindowMinutes.unwrap().optional(),
  repeatWindowDays: TicketSettings.shape.repeatWindowDays.unwrap().optional(),
});
export type SaveTicketSettings = z.output<typeof SaveTicketSettings>;

export type TicketSettingsView = {
  settings: TicketSettings;
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
  /** Rule set id → codes of the categories using it (a set in use cannot be removed). */
  ruleUse: Record<string, string[]>;
};

async function ruleUse(): Promise<Record<string, string[]>> {
  const { docs } = await storedCategories();
  const out: Record<string, string[]> = {};
  for (const d of docs) {
    out[d.deadlineRuleId] = [...(out[d.deadlineRuleId] ?? []), d.code];
  }
  return out;
}

/** The deadline rules per severity, the escalation ladder and the report limits, as the ticket functions read them. */
export async function getTicketSettings(): Promise<TicketSettingsView> {
  const [doc, use] = await Promise.all([settingsDoc(), ruleUse()]);
  const by = typeof doc?.updatedBy === 'string' ? doc.updatedBy : null;
  const names = by ? await namesOf([by]) : new Map<string, string>();
  return {
    settings: TicketSettings.parse(stripMeta(doc ?? {})),
    version: versionOf(doc ?? {}),
    updatedAt: (doc?.updatedAt as Date | undefined) ?? null,
    updatedByName: by ? (names.get(by) ?? null) : null,
    ruleUse: use,
  };
}

/** Saves the ticket settings (document `tickets` of `settings`); a rule set a category uses cannot go. */
export async function saveTicketSettings(input: SaveTicketSettings, caller: CallerContext, now: Date): Promise<TicketSettingsView> {
  const use = await ruleUse();
  const missing = Object.keys(use).filter((id) => !Object.hasOwn(input.deadlineRules, id));
  if (missing.length > 0) {
    throw new AppError(ADMIN_ERRORS.RULE_IN_USE, 'categories still use these rule sets', {
      ruleIds: missing,
      categories: missing.flatMap((id) => use[id]),
    });
  }
  await runTx(async (tx) => {
    const before = await txGet<Record<string, unknown>>(tx, COLLECTIONS.settings, 'tickets');
    assertVersion(before ?? {}, input.version, 'settings');
    const current = TicketSettings.parse(stripMeta(before ?? {}));
    assertFrozenKept(current, input.deadlineRules);
    const next: TicketSettings = {
      ...current,
      deadlineRules: input.deadlineRules,
      escalationLevels: [...input.escalationLevels].sort((a, b) => a.atFraction - b.atFraction),
      rateLimitPerHour: input.rateLimitPerHour ?? current.rateLimitPerHour,
      joinWindowMinutes: input.joinWindowMinutes ?? current.joinWindowMinutes,
      repeatWindowDays: input.repeatWindowDays ?? current.repeatWindowDays,
    };
    await tx
      .collection(COLLECTIONS.settings)
      .doc('tickets')
      .set({ data: { ...stripMeta(before ?? {}), ...next, version: versionOf(before ?? {}) + 1, ...stampOf(caller, now) } });
    await audit(tx, caller, now, {
      action: 'settings.save',
      target: { kind: 'settings', id: 'tickets', name: null },
      before: current as unknown as Record<string, unknown>,
      after: next as unknown as Record<string, unknown>,
    });
  });
  afterWrite();
  return getTicketSettings();
}
