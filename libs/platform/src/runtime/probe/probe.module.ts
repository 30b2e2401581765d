import { Module } from '@nestjs/common';
import { ProbeEventHandler } from './probe.event-handler';
import { ProbeHttpController } from './probe.http.controller';
import { readModelQueries } from '../read-models';
import { ProbeReceipts, SqliteProbeReceipts } from './probe.projection';

/** Every service carries the pipeline probe: SREs use it to check relay -> bus -> consumers after a deploy. */
@Module({ controllers: [ProbeHttpController, ProbeEventHandler], providers: [readModelQueries(ProbeReceipts, (db) => new SqliteProbeReceipts(db))] })
export class ProbeModule {}
