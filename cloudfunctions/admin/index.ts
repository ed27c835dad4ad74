/**
 * The admin back office: zones and their QR codes, people and their roles, invite codes, categories, and
 * the ticket settings (deadline rules per severity, escalation levels). Every action is admin-only, every
 * input is parsed by its schema, and every change is stamped with who and when (`updatedBy`, `updatedAt`).
 *
 * Reference data is cached per warm function instance (cloudfunctions/_lib/refdata.ts): a change saved here
 * reaches the tickets and escalation functions within CACHE_TTL_MS (30 s), not at once.
 */
import { z } from 'zod';
import { Id } from '../../shared/common';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import {
  getTicketSettings,
  listCategories,
  MoveCategory,
  moveCategory,
  SaveCategory,
  SaveTicketSettings,
  saveCategory,
  saveTicketSettings,
} from './categories.service';
import { CreateInvite, createInvite, InvitesQuery, listInvites, RevokeInvite, revokeInvite } from './invites.service';
import { listPeople, PeopleQuery, SavePerson, savePerson } from './people.service';
import { getZone, listUnits, listZones, SaveZone, saveZone, staffOf, ZonesQuery, zoneCode } from './zones.service';

const ADMIN = ['admin'] as const;

/** Every action of the admin function: schema, role gate (admin), handler. */
export const ACTIONS = {
  // ---- zones and QR codes
  zones: action({ input: ZonesQuery, roles: ADMIN, handler: ({ input }) => listZones(input) }),
  zone: action({ input: z.strictObject({ id: Id }), roles: ADMIN, handler: ({ input }) => getZone(input.id) }),
  saveZone: action({ input: SaveZone, roles: ADMIN, handler: ({ input, caller, now }) => saveZone(input, caller, now) }),
  zoneCode: action({ input: z.strictObject({ id: Id }), roles: ADMIN, handler: ({ input }) => zoneCode(input.id) }),
  units: action({ input: z.strictObject({}), roles: ADMIN, handler: () => listUnits() }),
  staffOf: action({ input: z.strictObject({ unitId: Id }), roles: ADMIN, handler: ({ input }) => staffOf(input.unitId) }),

  // ---- people, roles and invites
  people: action({ input: PeopleQuery, roles: ADMIN, handler: ({ input, caller }) => listPeople(input, caller) }),
  savePerson: action({ input: SavePerson, roles: ADMIN, handler: ({ input, caller, now }) => savePerson(input, caller, now) }),
  invites: action({ input: InvitesQuery, roles: ADMIN, handler: ({ input, now }) => listInvites(input, now) }),
  createInvite: action({ input: CreateInvite, roles: ADMIN, handler: ({ input, caller, now }) => createInvite(input, caller, now) }),
  revokeInvite: action({ input: RevokeInvite, roles: ADMIN, handler: ({ input, caller, now }) => revokeInvite(input.code, caller, now) }),

  // ---- categories and ticket settings
  categories: action({ input: z.strictObject({}), roles: ADMIN, handler: () => listCategories() }),
  saveCategory: action({ input: SaveCategory, roles: ADMIN, handler: ({ input, caller, now }) => saveCategory(input, caller, now) }),
  moveCategory: action({ input: MoveCategory, roles: ADMIN, handler: ({ input, caller, now }) => moveCategory(input, caller, now) }),
  ticketSettings: action({ input: z.strictObject({}), roles: ADMIN, handler: () => getTicketSettings() }),
  saveTicketSettings: action({
    input: SaveTicketSettings,
    roles: ADMIN,
    handler: ({ input, caller, now }) => saveTicketSettings(input, caller, now),
  }),
} satisfies Record<string, AnyAction>;

export type AdminAction = keyof typeof ACTIONS;

export const main = createHandler('admin', ACTIONS);
