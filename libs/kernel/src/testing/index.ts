export { DeciderSpecification } from './decider-specification';
export { prng } from './prng';
