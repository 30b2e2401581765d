import { SpanStatusCode } from '@opentelemetry/api';
import { AggregateHandler, type CommandMeta, type CommandOutcome, type DomainEvent, type HandleOptions } from '@hope/kernel';
import { traceFields, tracer } from '@hope/messaging';

/**
 * The kernel's handler with a span per command, whose context (`traceparent`, `tracestate`) is stamped
 * on the events the command appends: the relay and every consumer continue the trace from there
 * (decision 0028). Outside a trace, and with tracing off, nothing is stamped. The kernel stays
 * framework-free: the stamping rides on `meta.metadata`, which it already stores with the events.
 */
export class TracedAggregateHandler<State, Command extends { type: string }, Event extends DomainEvent, Id = string> extends AggregateHandler<State, Command, Event, Id> {
  override handle(id: Id, command: Command, meta: CommandMeta, options?: HandleOptions): Promise<CommandOutcome<State, Event>> {
    const attributes = { 'hope.aggregate': this.definition.name, 'hope.command': command.type, 'hope.command.id': meta.commandId };
    return tracer().startActiveSpan(`${this.definition.name} ${command.type}`, { attributes }, async (span) => {
      try {
        const fields = traceFields();
        const traced = Object.keys(fields).length > 0 ? { ...meta, metadata: { ...fields, ...meta.metadata } } : meta;
        const outcome = await super.handle(id, command, traced, options);
        span.setAttributes({ 'hope.events.appended': outcome.appended, 'hope.command.duplicate': outcome.duplicate });
        return outcome;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  }
}
