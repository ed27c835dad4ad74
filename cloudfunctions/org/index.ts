import { z } from 'zod';
import { Id, SceneId } from '../../shared/common';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { me, searchZones, unitStaff, zoneByScene } from './org.service';

/** Every action of the org function: schema, role gate, handler. */
export const ACTIONS = {
  /** Anyone: an openid without a person record is a plain reporter. */
  me: action({ input: z.strictObject({}), handler: async ({ caller }) => me(caller) }),
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
    roles: ['manager', 'admin'],
    handler: ({ input, caller }) => unitStaff(caller, input.unitId),
  }),
} satisfies Record<string, AnyAction>;

export type OrgAction = keyof typeof ACTIONS;

export const main = createHandler('org', ACTIONS);
