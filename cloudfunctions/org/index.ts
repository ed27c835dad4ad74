import { z } from 'zod';
import { Id, SceneId, Text } from '../../shared/common';
import type { TemplateName } from '../../shared/notify/templates';
import { InviteCode } from '../../shared/org/invite';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { redeemInvite } from './invite.service';
import { categories, me, searchZones, unitStaff, zoneByScene } from './org.service';
import { setOnDuty, subscribed } from './reminders.service';

/** A subscription template by name; `satisfies` keeps the list to the names shared/contract/templates.ts defines. */
const TemplateNameSchema = z.enum([
  'assigned',
  'rectified',
  'managerAlert',
  'escalation',
  'assetDue',
] as const satisfies readonly TemplateName[]);

/** Every action of the org function: schema, role gate, handler. */
export const ACTIONS = {
  /** Anyone: an openid without a person record is a plain reporter. */
  me: action({ input: z.strictObject({}), handler: async ({ caller }) => me(caller) }),
  /** Anyone: the templates they just accepted in the subscription prompt, counted as reminders left. */
  subscribed: action({
    input: z.strictObject({
      templates: z.array(TemplateNameSchema).min(1).max(3),
    }),
    handler: ({ input, caller, now }) => subscribed(caller, input.templates, now),
  }),
  /** Staff and managers: on duty or not (the rota assigns new tickets only to people on duty). */
  setOnDuty: action({
    input: z.strictObject({ onDuty: z.boolean() }),
    roles: ['staff', 'manager'],
    handler: ({ input, caller }) => setOnDuty(caller, input.onDuty),
  }),
  /** Anyone (the report grid, the patrol checklists): the configured categories with icon and checklist. */
  categories: action({ input: z.strictObject({}), identityOnly: true, handler: () => categories() }),
  /** Anyone who scans a QR code; needs no person record. */
  zoneByScene: action({
    input: z.strictObject({ sceneId: SceneId }),
    identityOnly: true,
    handler: ({ input }) => zoneByScene(input.sceneId),
  }),
  searchZones: action({
    input: z.strictObject({ q: z.string().trim().min(1).max(30) }),
    roles: ['inspector', 'manager', 'admin'],
    handler: ({ input, caller }) => searchZones(caller, input.q),
  }),
  unitStaff: action({
    input: z.strictObject({ unitId: Id }),
    roles: ['manager', 'inspector', 'admin'],
    handler: ({ input, caller }) => unitStaff(caller, input.unitId),
  }),
  /**
   * Any signed-in WeChat user: the invite's roles for the caller (from the WeChat context, never the payload).
   * `name` (and `phone`) are what a first-time user is known by; ignored for someone already registered.
   */
  redeemInvite: action({
    input: z.strictObject({
      code: InviteCode,
      name: Text(40).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9-]{5,20}$/)
        .optional(),
    }),
    handler: ({ input, caller, now }) => redeemInvite(caller, input, now),
  }),
} satisfies Record<string, AnyAction>;

export type OrgAction = keyof typeof ACTIONS;

export const main = createHandler('org', ACTIONS);
