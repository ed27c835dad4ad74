import { z } from 'zod';
import { Id, Text } from '../common/ids.schema';
import { Day } from '../periods/period';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The two levels that patrol (two-level inspection): the general-affairs office and a service centre. */
export const PatrolLevel = z.enum(['office', 'centre']);
export type PatrolLevel = z.infer<typeof PatrolLevel>;

/** In which capacity a visit was made; coverage counts each separately. */
export const VisitRole = z.enum(['office', 'centre', 'volunteer', 'self']);
export type VisitRole = z.infer<typeof VisitRole>;

/**
 * When a plan's occurrences fall, in Asia/Shanghai calendar terms:
 * - `daily`; `weekly` on ISO weekdays (1 = Monday); `monthly` on a day of the month (31 means the month's last day);
 * - `sample`: `count` of the plan's zones chosen at random per `per` period (week or month), favouring the zones
 *   least covered lately; the visit may happen on any open day of the period.
 */
export const Recurrence = z.discriminatedUnion('freq', [
  z.strictObject({ freq: z.literal('daily') }),
  z.strictObject({
    freq: z.literal('weekly'),
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'days repeat'),
  }),
  z.strictObject({ freq: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.strictObject({ freq: z.literal('sample'), per: z.enum(['week', 'month']), count: z.number().int().min(1).max(200) }),
]);
export type Recurrence = z.infer<typeof Recurrence>;

/** Which zones a plan covers: listed zones, or every zone under (and including) one zone. */
export const Targets = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('zones'), zoneIds: z.array(Id).min(1).max(200) }),
  z.strictObject({ kind: z.literal('subtree'), rootId: Id }),
]);
export type Targets = z.infer<typeof Targets>;

/**
 * The time window of each occurrence: a fixed start and length (the zone must be open at the start), or the
 * zone's service hours of that day (open at the first opening, due at the last closing).
 */
export const PatrolWindow = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), at: z.string().regex(HHMM, 'expected HH:mm'), minutes: z.number().int().min(10).max(720) }),
  z.strictObject({ kind: z.literal('service') }),
]);
export type PatrolWindow = z.infer<typeof PatrolWindow>;

/** One line of a checklist or of the negative list (负面清单 of work-style problems). */
export const ChecklistItem = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,24}$/), text: Text(60) });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const PlanStatus = z.enum(['draft', 'active', 'paused', 'ended']);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** What an editor sends to create or replace a plan (everything but identity, status and audit fields). */
export const PlanFields = z
  .strictObject({
    name: Text(40),
    kind: z.enum(['routine', 'special']),
    /** A special campaign (专项巡查) states its theme and its last day. */
    theme: Text(60).optional(),
    endDate: Day.optional(),
    startDate: Day,
    level: PatrolLevel,
    /** A centre-level plan belongs to one centre; its lead (manager) or inspectors edit it. */
    centreId: Id.optional(),
    mode: z.enum(['scheduled', 'surprise']),
    recurrence: Recurrence,
    targets: Targets,
    window: PatrolWindow,
    assignees: z.strictObject({
      mode: z.enum(['any', 'all']),
      personIds: z
        .array(Id)
        .min(1)
        .max(20)
        .refine((d) => new Set(d).size === d.length, 'assignees repeat'),
    }),
    checklist: z.array(ChecklistItem).max(30),
    negativeList: z.array(ChecklistItem).max(30),
    /** Minutes after the due time in which a visit still counts, as late; after them the occurrence is missed. */
    graceMinutes: z.number().int().min(0).max(1440),
  })
  .superRefine((p, ctx) => {
    const fail = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (p.kind === 'special' && (!p.theme || !p.endDate)) fail('a special campaign needs a theme and an end date', 'theme');
    if (p.endDate && p.endDate < p.startDate) fail('the end date is before the start date', 'endDate');
    if (p.level === 'centre' && !p.centreId) fail('a centre-level plan names its centre', 'centreId');
    if (p.level === 'office' && p.centreId) fail('an office-level plan belongs to no centre', 'centreId');
    if (p.checklist.length + p.negativeList.length === 0) fail('a plan checks at least one item', 'checklist');
    const ids = [...p.checklist, ...p.negativeList].map((i) => i.id);
    if (new Set(ids).size !== ids.length) fail('item ids repeat', 'checklist');
    if (p.recurrence.freq === 'sample' && p.window.kind === 'fixed') fail('a sample is visited any time the zone is open', 'window');
  });
export type PlanFields = z.infer<typeof PlanFields>;

/** A stored plan. */
export interface PatrolPlan extends PlanFields {
  _id: string;
  status: PlanStatus;
  /** Mixed into each period's sampling seed, so each plan draws differently yet reproducibly. */
  seed: string;
  ownerId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** The built-in self-check every responsible person does daily in each zone (每天对所分管的责任区进行检查). */
export const SELF_CHECK_ITEMS: readonly ChecklistItem[] = [
  { id: 'clean', text: '环境整洁、无垃圾杂物' },
  { id: 'facility', text: '设施设备完好可用' },
  { id: 'staff', text: '人员在岗、着装规范' },
  { id: 'safety', text: '无安全隐患' },
  { id: 'notice', text: '公示信息齐全（负责人、电话、服务时间）' },
];
