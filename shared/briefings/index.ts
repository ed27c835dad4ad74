export * from './briefing';
export * from './briefing.html';
export * from './briefing.masthead';
