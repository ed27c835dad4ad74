/**
 * The values of the contract (everything else in shared/contract/ is types). This is the entry point of the
 * mini-program's generated bundle `miniprogram/shared/contract.js` (`npm run contract`): it may import only
 * zod-free, dependency-free files of shared/.
 */

export * from '../accountability/accountability.labels';
export * from '../assets/asset.labels';
export * from '../contracts/contract.labels';
export { DEFAULT_CATEGORY_ICONS, DEFAULT_CHECKLISTS, FALLBACK_CATEGORY_ICON } from '../org/category.defaults';
export { asShanghaiWall, OFFSET_MS, shanghaiDate, shanghaiDayTimeZh, shanghaiMonth } from '../time/shanghai';
export * from './constants';
export * from './delivery';
export * from './errors';
export * from './labels';
export * from './scoring.rules';
export * from './templates';
