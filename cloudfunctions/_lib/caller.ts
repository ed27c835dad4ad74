import type { Person } from '../../shared/org/person.schema';
import type { Caller } from '../../shared/tickets/ticket.roles';
import { COLLECTIONS, db, rowsOf } from './cloud';

/** Roles as the action table gates them; everyone is a `reporter`, the rest come from role bindings. */
export type GlobalRole = 'reporter' | 'staff' | 'manager' | 'inspector' | 'leader' | 'admin' | 'volunteer';

/** The caller with the roles the gate checks and the person's name when registered. */
export interface CallerContext extends Caller {
  registered: boolean;
  name: string | null;
  globalRoles: ReadonlySet<GlobalRole>;
}

/** A `people` document: the shared Person schema's type (one definition). */
export type PersonDoc = Person;

/** Loads the person bound to an openid (one indexed read); an unknown openid is an unregistered reporter. */
export async function loadCaller(openid: string): Promise<CallerContext> {
  const res = await db().collection(COLLECTIONS.people).where({ openid }).limit(1).get();
  const person = (rowsOf(res) as Array<PersonDoc & { active?: boolean }>)[0];
  // A person an admin deactivated (cloudfunctions/admin) keeps their record but holds no role.
  const roles = person && person.active !== false ? person.roles : [];
  const globalRoles = new Set<GlobalRole>(['reporter', ...roles.map((r) => r.role)]);
  return { id: person?._id ?? openid, openid, roles, registered: !!person, name: person?.name ?? null, globalRoles };
}

/** The caller as known from the WeChat context alone (no person record read). */
export const anonymousCaller = (openid: string): CallerContext => ({
  id: openid,
  openid,
  roles: [],
  registered: false,
  name: null,
  globalRoles: new Set<GlobalRole>(['reporter']),
});

/** Unit ids where the caller holds `role`. */
export const unitsWhere = (caller: Pick<Caller, 'roles'>, role: 'staff' | 'manager' | 'inspector'): string[] =>
  caller.roles.flatMap((b) => (b.role === role && 'unitId' in b ? [b.unitId] : []));

export const isAdmin = (c: CallerContext) => c.globalRoles.has('admin');
export const isOfficeInspector = (c: Pick<Caller, 'roles'>) => c.roles.some((b) => b.role === 'inspector' && b.level === 'office');
