// Ranking = the analyzer (terms of profiles and demands) + the scoring policy (what a match is worth) + the search (which experts get scored).
export * from './scoring';
export { rankExperts } from './search';
export { diversify } from './top-k';
