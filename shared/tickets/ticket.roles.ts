import type { RoleBinding } from '../org/person.schema';
import type { Unit } from '../org/unit.schema';
import type { Ticket, TicketRole } from './ticket.schema';

/** Who is calling: a person (or, for an unregistered reporter, `id` = openid and no roles). */
export interface Caller {
  id: string;
  openid: string;
  roles: readonly RoleBinding[];
}

/** The caller as the machine sees it: an id for the history and the roles held on this ticket. */
export interface Actor {
  id: string;
  roles: readonly TicketRole[];
}

/** The timer and other automatic work. */
export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['system'] };

/** Whether the caller works in the unit (staff or manager bound to it): its own work is not theirs to verify or rate. */
export const isOfUnit = (caller: Pick<Caller, 'roles'>, unitId: string): boolean =>
  caller.roles.some((b) => (b.role === 'staff' || b.role === 'manager') && b.unitId === unitId);

/**
 * Roles a caller holds on a ticket. `unit` is the ticket's unit: a centre's managers and inspectors also
 * act on the contractors it oversees. Office-level inspectors are in scope everywhere.
 *
 * Conflicts of interest (README "Conflicts of interest"): someone of the ticket's unit is never its `reporter`
 * (they cannot verify or rate their own unit's work; the report is auto-verified instead); the inspector who
 * filed a finding is its `findingInspector`; a centre inspector is in scope of their centre and its
 * contractors, but lowering severity there takes the office (see the machine's `narrow` rows).
 */
export function relationsTo(
  ticket: Pick<Ticket, 'assigneeId' | 'unitId' | 'reporterOpenid'> & Partial<Pick<Ticket, 'inspectorId'>>,
  caller: Caller,
  unit: Unit,
): TicketRole[] {
  const overseeing = new Set([ticket.unitId, ...(unit.kind === 'contractor' ? [unit.parentId] : [])]);
  const roles = new Set<TicketRole>();
  for (const b of caller.roles) {
    if (b.role === 'admin') roles.add('admin');
    if (b.role === 'manager' && overseeing.has(b.unitId)) roles.add('unitManager');
    if (b.role === 'inspector' && b.level === 'office') roles.add('officeInspector').add('inspectorInScope');
    if (b.role === 'inspector' && b.level === 'centre' && overseeing.has(b.unitId)) roles.add('inspectorInScope');
  }
  if (ticket.assigneeId !== null && ticket.assigneeId === caller.id) roles.add('assignee');
  if (ticket.reporterOpenid !== null && ticket.reporterOpenid === caller.openid && !isOfUnit(caller, ticket.unitId)) roles.add('reporter');
  if (ticket.inspectorId && ticket.inspectorId === caller.id && caller.roles.some((b) => b.role === 'inspector'))
    roles.add('findingInspector');
  return [...roles];
}

/** The actor for a caller on a ticket. */
export const actorFor = (
  ticket: Pick<Ticket, 'assigneeId' | 'unitId' | 'reporterOpenid'> & Partial<Pick<Ticket, 'inspectorId'>>,
  caller: Caller,
  unit: Unit,
): Actor => ({
  id: caller.id,
  roles: relationsTo(ticket, caller, unit),
});
