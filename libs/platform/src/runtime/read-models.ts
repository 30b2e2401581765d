import type { Provider } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { ProjectionRunner } from '@hope/eventstore';
import { PROJECTIONS } from '../tokens';

type Token<T> = (abstract new (...args: never[]) => T) | symbol | string;

/**
 * Binds a query port (an abstract class or token that controllers, jobs and use cases inject) to its
 * implementation over the service's projection database. Only the projection that owns the tables
 * writes the SQL; everyone else asks the port.
 */
export const readModelQueries = <T>(port: Token<T>, implement: (db: Database.Database) => T): Provider => ({
  provide: port,
  useFactory: (projections: ProjectionRunner) => implement(projections.db),
  inject: [PROJECTIONS],
});
