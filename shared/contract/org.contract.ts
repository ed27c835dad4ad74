import type { GlobalRole, Named, NoInput, RoleBinding, Severity } from './common.contract';
import type { TemplateName } from './templates';

export interface Me {
  roles: GlobalRole[];
  bindings: readonly RoleBinding[];
  name: string | null;
  /** The openid has a person record. */
  registered: boolean;
  /** The names of the units in `bindings`, by id. */
  unitNames: Record<string, string>;
  /** Whether the rota gives the caller new tickets (staff and managers). */
  onDuty: boolean;
  /** Reminders left per subscription template (提醒设置). */
  reminders: Reminders;
  /** The caller's own openid: the mini-program names it in its upload paths. */
  openid: string;
}

/** Reminders left per template: one per accepted prompt, one used per message sent. */
export type Reminders = { [T in TemplateName]: number };

/** A category as the report grid and the patrol checklists use it. */
export interface CategoryItem {
  code: string;
  name: string;
  icon: string;
  defaultSeverity: Severity;
  checklist: string[];
  /** Shown on the report grid (inspectors see every category). */
  reporterVisible: boolean;
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
  subscribed: { input: { templates: TemplateName[] }; reply: Reminders };
  setOnDuty: { input: { onDuty: boolean }; reply: { onDuty: boolean } };
  categories: { input: NoInput; reply: { items: CategoryItem[] } };
  zoneByScene: { input: { sceneId: string }; reply: ZoneView };
  searchZones: { input: { q: string }; reply: { items: ZoneView[] } };
  unitStaff: { input: { unitId: string }; reply: { items: Named[] } };
  redeemInvite: { input: RedeemInviteInput; reply: Redeemed };
}
