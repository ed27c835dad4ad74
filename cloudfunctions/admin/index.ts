/**
 * The admin back office: zones and their QR codes, people and their roles, invite codes, categories, and
 * the ticket settings (deadline rules per severity, escalation levels). Every action is admin-only, every
 * input is parsed by its schema, and every change is stamped with who and when (`updatedBy`, `updatedAt`).
 *
 * Every change is also written to the audit log (`adminAudit`) in its own transaction (./audit.ts); unused
 * zones and people can be deleted, zones moved (./lifecycle.service.ts), deadline rule sets added (./deadline-sets.service.ts).
 *
 * Reference data is cached per warm function instance (cloudfunctions/_lib/refdata.ts): a change saved here
 * reaches the tickets and escalation functions within CACHE_TTL_MS (30 s), not at once.
 */
import { z } from 'zod';
import { Id } from '../../shared/common';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { AuditQuery, listAudit } from './audit';
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
import { CreateDeadlineRuleSet, createDeadlineRuleSet } from './deadline-sets.service';
import { CreateInvite, createInvite, InvitesQuery, inviteCode, listInvites, RevokeInvite, revokeInvite } from './invites.service';
import { DeleteRecord, deletePerson, deleteZone, MoveZone, moveZone } from './lifecycle.service';
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
  moveZone: action({ input: MoveZone, roles: ADMIN, handler: ({ input, caller, now }) => moveZone(input, caller, now) }),
  deleteZone: action({ input: DeleteRecord, roles: ADMIN, handler: ({ input, caller, now }) => deleteZone(input, caller, now) }),

  // ---- people, roles and invites
  people: action({ input: PeopleQuery, roles: ADMIN, handler: ({ input, caller }) => listPeople(input, caller) }),
  savePerson: action({ input: SavePerson, roles: ADMIN, handler: ({ input, caller, now }) => savePerson(input, caller, now) }),
  deletePerson: action({ input: DeleteRecord, roles: ADMIN, handler: ({ input, caller, now }) => deletePerson(input, caller, now) }),
  invites: action({ input: InvitesQuery, roles: ADMIN, handler: ({ input, now }) => listInvites(input, now) }),
  createInvite: action({ input: CreateInvite, roles: ADMIN, handler: ({ input, caller, now }) => createInvite(input, caller, now) }),
  inviteCode: action({ input: RevokeInvite, roles: ADMIN, handler: ({ input, now }) => inviteCode(input.code, now) }),
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
  createDeadlineRuleSet: action({
    input: CreateDeadlineRuleSet,
    roles: ADMIN,
    handler: ({ input, caller, now }) => createDeadlineRuleSet(input, caller, now),
  }),

  // ---- the audit log of admin changes
  audit: action({ input: AuditQuery, roles: ADMIN, handler: ({ input }) => listAudit(input) }),
} satisfies Record<string, AnyAction>;

export type AdminAction = keyof typeof ACTIONS;

export const main = createHandler('admin', ACTIONS);
