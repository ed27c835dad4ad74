import type { GlobalRole, Named, NoInput, RoleBinding, Severity } from './common.contract';

export interface Me {
  roles: GlobalRole[];
  bindings: readonly RoleBinding[];
  name: string | null;
  /** The openid has a person record. */
  registered: boolean;
}

/** A category as the report grid and the patrol checklists use it. */
export interface CategoryItem {
  code: string;
  name: string;
  icon: string;
  defaultSeverity: Severity;
  checklist: string[];
}

/** A zone as the report page and the patrol search show it. */
export interface ZoneView {
  _id: string;
  name: string;
  sceneId: string;
  pathNames: string[];
}

export interface RedeemInviteInput {
  /** As typed: case, spaces and hyphens do not matter. */
  code: string;
  name?: string;
  phone?: string;
}

export interface Redeemed {
  roles: GlobalRole[];
  bindings: readonly RoleBinding[];
  name: string;
  redeemed: boolean;
}

/** The org function: who am I, reference data for reporters and inspectors, invites. */
export interface OrgContract {
  me: { input: NoInput; reply: Me };
  categories: { input: NoInput; reply: { items: CategoryItem[] } };
  zoneByScene: { input: { sceneId: string }; reply: ZoneView };
  searchZones: { input: { q: string }; reply: { items: ZoneView[] } };
  unitStaff: { input: { unitId: string }; reply: { items: Named[] } };
  redeemInvite: { input: RedeemInviteInput; reply: Redeemed };
}
