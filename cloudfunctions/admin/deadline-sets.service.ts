import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Text } from '../../shared/common';
import { DeadlineRuleSet, type DeadlineRuleVersion, frozenRuleIds } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import { Day } from '../../shared/periods/period';
import { OFFSET_MS, shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS } from '../_lib/cloud';
import { TicketSettings } from '../_lib/refdata';
import { runTx, txGet } from '../_lib/tx';
import { afterWrite, assertVersion, stampOf, versionOf } from './admin.common';
import { audit } from './audit';

export const CreateDeadlineRuleSet = z.strictObject({
  /** The ticket settings' version read (the rule sets live in that document). */
  version: z.number().int().nonnegative(),
  name: Text(30),
  /** The set it takes over from on `effectiveFrom`, or null for a set categories are then pointed at by hand. */
  replaces: z.string().min(1).max(32).nullable(),
  /** The first day (Beijing time) tickets get the new set; today or later. */
  effectiveFrom: Day,
  rules: DeadlineRuleSet,
});
export type CreateDeadlineRuleSet = z.output<typeof CreateDeadlineRuleSet>;

/** At most this many rule sets (the settings document stays small; the refdata cache reads it on every report). */
const MAX_RULE_SETS = 20;

/** 00:00 in Beijing of `day` as an instant. */
const beijingMidnight = (day: string): Date => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) - OFFSET_MS);

/**
 * Adds a deadline rule set: a new id (the server makes it), stored with its name, start day and the set it takes
 * over from. From that day on, a category naming the old set gives new tickets the new one; every ticket already
 * filed keeps the set it stored, and both sets are frozen from now on (saveTicketSettings refuses to change
 * them), so no past ticket's deadline, rework deadline or severity change ever reads different rules.
 */
export async function createDeadlineRuleSet(
  input: CreateDeadlineRuleSet,
  caller: CallerContext,
  now: Date,
): Promise<{ id: string; version: DeadlineRuleVersion }> {
  if (input.effectiveFrom < shanghaiDate(now)) {
    throw new AppError(ADMIN_ERRORS.EFFECTIVE_IN_PAST, 'a rule set cannot start before today', { today: shanghaiDate(now) });
  }
  const id = `r${now.getTime().toString(36)}`;
  const version: DeadlineRuleVersion = {
    id,
    name: input.name,
    replaces: input.replaces,
    effectiveFrom: beijingMidnight(input.effectiveFrom),
    createdBy: caller.id,
    createdAt: now,
  };
  await runTx(async (tx) => {
    const before = await txGet<Record<string, unknown>>(tx, COLLECTIONS.settings, 'tickets');
    assertVersion(before ?? {}, input.version, 'settings');
    const { _id, version: _v, updatedBy, updatedAt, ...stored } = before ?? {};
    const current = TicketSettings.parse(stored);
    if (input.replaces !== null && !Object.hasOwn(current.deadlineRules, input.replaces)) {
      throw new AppError(ADMIN_ERRORS.UNKNOWN_RULE, `no deadline rule set ${input.replaces}`);
    }
    if (Object.hasOwn(current.deadlineRules, id)) throw new AppError(ADMIN_ERRORS.STALE, 'a rule set was just added; reload');
    if (Object.keys(current.deadlineRules).length >= MAX_RULE_SETS) {
      throw new AppError(ADMIN_ERRORS.TOO_MANY_RULE_SETS, `at most ${MAX_RULE_SETS} rule sets`);
    }
    const next = {
      ...stored,
      ...current,
      deadlineRules: { ...current.deadlineRules, [id]: input.rules },
      deadlineRuleVersions: [...current.deadlineRuleVersions, version],
    };
    await tx
      .collection(COLLECTIONS.settings)
      .doc('tickets')
      .set({ data: { ...next, version: versionOf(before ?? {}) + 1, ...stampOf(caller, now) } });
    await audit(tx, caller, now, {
      action: 'deadlineRules.create',
      target: { kind: 'deadlineRules', id, name: input.name },
      before: null,
      after: { ...version, rules: input.rules },
      note: input.replaces ? `replaces ${input.replaces} from ${input.effectiveFrom}` : `from ${input.effectiveFrom}`,
    });
  });
  afterWrite();
  return { id, version };
}

const sameRule = (a: unknown, b: unknown): boolean => {
  const x = a as Record<string, unknown> | undefined;
  const y = b as Record<string, unknown> | undefined;
  return !!x && !!y && x.kind === y.kind && x.minutes === y.minutes;
};

/** ADMIN.RULE_FROZEN when a save changes or drops a set that has a version record or a successor. */
export function assertFrozenKept(current: TicketSettings, nextRules: Record<string, DeadlineRuleSet>): void {
  const frozen = frozenRuleIds(current.deadlineRuleVersions);
  const touched = [...frozen].filter((id) => {
    const was = current.deadlineRules[id];
    const now = nextRules[id];
    if (!was) return false;
    return !now || !(['minor', 'major', 'critical'] as const).every((s) => sameRule(was[s], now[s]));
  });
  if (touched.length > 0) throw new AppError(ADMIN_ERRORS.RULE_FROZEN, 'these rule sets are frozen', { ruleIds: touched });
}
