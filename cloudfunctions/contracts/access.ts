import type { Contract } from '../../shared/contracts';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { officeUnitIds } from '../_lib/refdata';

/** The office (总务部): an admin, or a manager of the office unit. */
export async function isOffice(caller: CallerContext): Promise<boolean> {
  if (isAdmin(caller)) return true;
  const office = await officeUnitIds();
  return unitsWhere(caller, 'manager').some((u) => office.includes(u));
}

/** Leaders, admins, the office and office inspectors see every contract; a manager sees those of their units. */
export async function seesAll(caller: CallerContext): Promise<boolean> {
  return caller.globalRoles.has('leader') || caller.roles.some((b) => b.role === 'inspector') || (await isOffice(caller));
}

export const managesSupervisor = (caller: CallerContext, c: Pick<Contract, 'supervisingUnitId'>): boolean =>
  unitsWhere(caller, 'manager').includes(c.supervisingUnitId);

export async function canSee(caller: CallerContext, c: Pick<Contract, 'supervisingUnitId' | 'contractorUnitId'>): Promise<boolean> {
  if (await seesAll(caller)) return true;
  const mine = unitsWhere(caller, 'manager');
  return mine.includes(c.supervisingUnitId) || mine.includes(c.contractorUnitId);
}
