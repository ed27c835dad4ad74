export * from './briefing';
export * from './briefing.html';
