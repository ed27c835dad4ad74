import type { ServiceHours } from '../../shared/deadlines/service-hours.schema';
import type { Category } from '../../shared/org/category.schema';
import type { Unit } from '../../shared/org/unit.schema';
import type { Zone } from '../../shared/org/zone.schema';

/** A Shanghai wall-clock time as an instant, written independently of the code under test. */
export const sh = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}:00+08:00`);

export const MIN = 60_000;
export const HOUR = 60 * MIN;

const day = (open: string, close: string) => [{ open, close }];

/** Mon–Fri 08:00–17:00, closed at weekends. 2026-11-23 is a Monday. */
export const OFFICE_HOURS: ServiceHours = {
  1: day('08:00', '17:00'),
  2: day('08:00', '17:00'),
  3: day('08:00', '17:00'),
  4: day('08:00', '17:00'),
  5: day('08:00', '17:00'),
  6: [],
  7: [],
};

const meals = [
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:30' },
];
/** A canteen serving lunch 11:00–13:30 and dinner 17:00–19:30 every day. */
export const CANTEEN_HOURS: ServiceHours = { 1: meals, 2: meals, 3: meals, 4: meals, 5: meals, 6: meals, 7: meals };

export const CENTRE: Unit = { _id: 'centre-property', kind: 'centre', name: '物业服务中心', parentId: 'office' };
export const CONTRACTOR: Unit = {
  _id: 'contractor-clean',
  kind: 'contractor',
  name: '保洁公司',
  parentId: 'centre-property',
  contractRef: 'HT-2026-007',
};

export const ZONE: Zone = {
  _id: 'zone-b1-f2',
  name: '一号楼二层',
  kind: 'floor',
  parentId: 'zone-b1',
  path: ['campus-main', 'zone-b1'],
  campusId: 'campus-main',
  unitId: 'contractor-clean',
  responsible: { primary: 'p-staff', backup: 'p-staff-2' },
  serviceHours: OFFICE_HOURS,
  sceneId: 'b1f2',
};

export const HYGIENE: Category = { code: 'hygiene', name: '环境卫生', defaultSeverity: 'minor', deadlineRuleId: 'standard' };
