import type { Unit } from '../../shared/org';
import type { VisitRole } from '../../shared/patrols';
import { type CallerContext, isAdmin, isOfficeInspector, unitsWhere } from '../_lib/caller';
import { allUnits } from '../_lib/refdata';

/** The centre a unit belongs to: itself when a centre, its parent when a contractor, none for the office. */
export function centreOf(units: readonly Unit[], unitId: string): string | null {
  const u = units.find((x) => x._id === unitId);
  if (!u) return null;
  if (u.kind === 'centre') return u._id;
  if (u.kind === 'contractor') return u.parentId;
  return null;
}

/** Whether the caller may edit plans at this level (office: admins and office inspectors; centre: also its inspectors and managers). */
export function mayPlan(caller: CallerContext, level: 'office' | 'centre', centreId?: string): boolean {
  if (isAdmin(caller) || isOfficeInspector(caller)) return true;
  if (level === 'office' || !centreId) return false;
  return unitsWhere(caller, 'inspector').includes(centreId) || unitsWhere(caller, 'manager').includes(centreId);
}

/** Units the caller leads or serves (staff/manager of the unit, or of its centre for managers). */
export async function managedUnits(caller: CallerContext): Promise<string[]> {
  const units = await allUnits();
  const mine = new Set(unitsWhere(caller, 'manager'));
  for (const u of units) if (u.kind === 'contractor' && mine.has(u.parentId)) mine.add(u._id);
  return [...mine];
}

/**
 * In which capacity the caller visits a zone of `unitId` without a planned occurrence: an office inspector,
 * a centre inspector of the zone's centre, a volunteer, or the unit's own staff (a self-check); null when none.
 */
export async function visitRoleFor(caller: CallerContext, unitId: string): Promise<VisitRole | null> {
  if (isOfficeInspector(caller)) return 'office';
  const centre = centreOf(await allUnits(), unitId);
  if (centre && unitsWhere(caller, 'inspector').includes(centre)) return 'centre';
  if (caller.roles.some((b) => (b as { role: string }).role === 'volunteer')) return 'volunteer';
  if (unitsWhere(caller, 'staff').includes(unitId) || unitsWhere(caller, 'manager').includes(unitId)) return 'self';
  return null;
}
