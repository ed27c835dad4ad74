import type {
  DeadlineRuleSet,
  EscalationLevel,
  FileRef,
  Named,
  NoInput,
  Page,
  RoleBinding,
  ServiceHours,
  Severity,
  UnitRow,
  ZoneKind,
} from './common.contract';

/** A zone as the admin list shows it. */
export interface AdminZoneRow {
  _id: string;
  name: string;
  kind: ZoneKind;
  sceneId: string;
  parentId: string | null;
  campusId: string;
  unitId: string;
  unitName: string | null;
  pathNames: string[];
  responsible: { primary: Named | null; backup: Named | null };
  active: boolean;
  version: number;
  updatedAt: string | null;
}

/** One zone for the edit form: the row plus its opening hours and how many zones sit under it. */
export interface AdminZoneDetail extends AdminZoneRow {
  serviceHours: ServiceHours;
  children: number;
}

export interface ZonesQuery {
  unitId?: string;
  campusId?: string;
  kind?: ZoneKind;
  q?: string;
  cursor?: string;
}

/** A new zone (no `id`) or a change to one (`id` and the `version` it was read at). */
export interface SaveZoneInput {
  id?: string;
  version?: number;
  name: string;
  kind: ZoneKind;
  parentId?: string | null;
  unitId: string;
  responsible: { primary: string; backup?: string };
  active?: boolean;
  serviceHours?: ServiceHours;
}

export interface ZoneCodeReply extends FileRef {
  sceneId: string;
  page: string;
}

export interface StaffOnDuty extends Named {
  onDuty: boolean;
}

export interface PeopleQuery {
  unitId?: string;
  role?: 'admin' | 'staff' | 'manager' | 'inspector' | 'leader';
  q?: string;
  cursor?: string;
}

export interface PersonRow {
  _id: string;
  name: string;
  phone: string | null;
  roles: RoleBinding[];
  onDuty: boolean;
  active: boolean;
  version: number;
  /** The row is the caller (an admin may not remove their own admin role). */
  self: boolean;
}

export interface SavePersonInput {
  id: string;
  version: number;
  name: string;
  phone: string | null;
  roles: RoleBinding[];
  onDuty: boolean;
  active: boolean;
}

export type InviteRole = 'staff' | 'manager' | 'inspector' | 'volunteer';
export type InviteStatus = 'active' | 'revoked' | 'expired' | 'used_up';

export interface InviteRow {
  code: string;
  roles: InviteRole[];
  unitId: string;
  unitName: string | null;
  expiresAt: string;
  maxUses: number;
  uses: number;
  status: InviteStatus;
  note: string | null;
  createdAt: string;
  createdByName: string | null;
  revokedAt: string | null;
}

export interface InviteCodeReply extends FileRef {
  code: string;
  /** `code=ABCDEFGH`: what the invite page reads from `options.scene`. */
  scene: string;
  page: string;
}

export interface CreateInviteInput {
  roles: InviteRole[];
  unitId: string;
  expiresInDays?: number;
  maxUses?: number;
  note?: string;
}

export interface CategoryRow {
  code: string;
  name: string;
  defaultSeverity: Severity;
  deadlineRuleId: string;
  icon?: string;
  checklist?: string[];
  /** Whether reporters see it on the report grid. */
  reporterVisible: boolean;
  order: number;
  version: number;
  updatedAt: string | null;
}

export interface CategoriesReply {
  items: CategoryRow[];
  ruleIds: string[];
  /** False while the built-in list stands in (nothing saved yet). */
  stored: boolean;
}

export interface SaveCategoryInput {
  /** Absent to create: the server makes the code (admins never type one). */
  code?: string;
  name: string;
  defaultSeverity: Severity;
  deadlineRuleId: string;
  version?: number;
  icon?: string;
  checklist?: string[];
  /** Whether reporters see it on the report grid. */
  reporterVisible?: boolean;
}

/** A deadline rule set added with a start day (shared/deadlines/rule-versions.ts). */
export interface DeadlineRuleVersionRow {
  id: string;
  name: string;
  replaces: string | null;
  effectiveFrom: string;
  createdBy: string;
  createdAt: string;
}

export interface CreateDeadlineRuleSetInput {
  /** The ticket settings' version read. */
  version: number;
  name: string;
  replaces: string | null;
  /** YYYY-MM-DD (Beijing), today or later. */
  effectiveFrom: string;
  rules: DeadlineRuleSet;
}

export type AuditKind = 'zone' | 'person' | 'invite' | 'category' | 'settings' | 'deadlineRules';
/** The admin change an audit entry records. */
export type AuditAction =
  | 'zone.create'
  | 'zone.update'
  | 'zone.move'
  | 'zone.delete'
  | 'person.update'
  | 'person.delete'
  | 'invite.create'
  | 'invite.revoke'
  | 'category.save'
  | 'category.move'
  | 'settings.save'
  | 'deadlineRules.create';

/**
 * A delete in two steps: the first call deactivates the record and finds no use (`pending`, `readyAt` = when the
 * second call may complete it, about 90 s on); the second call checks again and deletes (`deleted`).
 */
export interface DeleteReply {
  state: 'pending' | 'deleted';
  id: string;
  readyAt: string | null;
  /** The record's version now (the next call sends it). */
  version: number;
}

/** One admin change in the audit log. */
export interface AuditRow {
  _id: string;
  at: string;
  by: string;
  byName: string | null;
  action: AuditAction;
  target: { kind: AuditKind; id: string; name: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

export interface TicketSettings {
  rateLimitPerHour: number;
  joinWindowMinutes: number;
  repeatWindowDays: number;
  escalationLevels: EscalationLevel[];
  deadlineRules: Record<string, DeadlineRuleSet>;
  /** The timer's rules: the pause cap, the repeat of the last level, reminders to verify findings (hours). */
  timer: { pauseCapHours: number; repeatLastLevelHours: number; findingVerifyRemindHours: number };
  /** Rule sets added with a start day; these and the sets they replace are frozen. */
  deadlineRuleVersions: DeadlineRuleVersionRow[];
}

export interface TicketSettingsReply {
  settings: TicketSettings;
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
  /** Per deadline rule set, the categories using it. */
  ruleUse: Record<string, string[]>;
}

export interface SaveTicketSettingsInput {
  version: number;
  deadlineRules: Record<string, DeadlineRuleSet>;
  escalationLevels: EscalationLevel[];
  rateLimitPerHour?: number;
  joinWindowMinutes?: number;
  repeatWindowDays?: number;
}

/** The admin function (back office). */
export interface AdminContract {
  zones: { input: ZonesQuery; reply: Page<AdminZoneRow> };
  zone: { input: { id: string }; reply: AdminZoneDetail };
  saveZone: { input: SaveZoneInput; reply: AdminZoneDetail };
  zoneCode: { input: { id: string }; reply: ZoneCodeReply };
  units: { input: NoInput; reply: { items: UnitRow[] } };
  staffOf: { input: { unitId: string }; reply: { items: StaffOnDuty[] } };
  people: { input: PeopleQuery; reply: Page<PersonRow> };
  savePerson: { input: SavePersonInput; reply: PersonRow };
  invites: { input: { cursor?: string }; reply: Page<InviteRow> };
  createInvite: { input: CreateInviteInput; reply: InviteRow };
  revokeInvite: { input: { code: string }; reply: InviteRow };
  /** The invite's mini-program code: opens the invite page with the code filled in. */
  inviteCode: { input: { code: string }; reply: InviteCodeReply };
  categories: { input: NoInput; reply: CategoriesReply };
  saveCategory: { input: SaveCategoryInput; reply: CategoryRow };
  moveCategory: { input: { code: string; direction: 'up' | 'down'; version?: number }; reply: CategoriesReply };
  ticketSettings: { input: NoInput; reply: TicketSettingsReply };
  saveTicketSettings: { input: SaveTicketSettingsInput; reply: TicketSettingsReply };
  moveZone: { input: { id: string; version: number; parentId: string }; reply: { id: string; moved: number } };
  deleteZone: { input: { id: string; version: number }; reply: DeleteReply };
  deletePerson: { input: { id: string; version: number }; reply: DeleteReply };
  createDeadlineRuleSet: { input: CreateDeadlineRuleSetInput; reply: { id: string; version: DeadlineRuleVersionRow } };
  audit: { input: { kind?: AuditKind; targetId?: string; cursor?: string }; reply: Page<AuditRow> };
}
