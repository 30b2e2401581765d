import { Module } from '@nestjs/common';
import { ProbeEventHandler } from './probe.event-handler';
import { ProbeHttpController } from './probe.http.controller';

/** Every service carries the pipeline probe: SREs use it to check relay -> bus -> consumers after a deploy. */
@Module({ controllers: [ProbeHttpController, ProbeEventHandler] })
export class ProbeModule {}
