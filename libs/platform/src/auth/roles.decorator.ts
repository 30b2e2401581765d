// Import path some callers (runtime/probe) use; the decorators live in auth.decorators.ts.
export { Public, Roles, CurrentPrincipal } from './auth.decorators';
