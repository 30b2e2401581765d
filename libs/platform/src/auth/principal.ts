export { ROLES, isRole, isStaff, type Principal, type Role } from '@hope/kernel';
