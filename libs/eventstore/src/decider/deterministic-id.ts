export { deterministicUuid } from '@hope/kernel';
