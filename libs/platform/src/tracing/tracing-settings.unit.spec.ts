import { TracingConfigError, tracingSettingsFrom } from './tracing-settings';

describe('tracing settings from the standard OTEL_* variables', () => {
  it('is off by default, and when disabled or set to none', () => {
    expect(tracingSettingsFrom({}, 'points')).toBeUndefined();
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'points')).toBeUndefined();
    expect(tracingSettingsFrom({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, 'points')).toBeUndefined();
  });

  it('exports over OTLP when an endpoint is set or otlp is asked for, named by OTEL_SERVICE_NAME or the service', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'points')).toEqual({ exporter: 'otlp', serviceName: 'points' });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces', OTEL_SERVICE_NAME: 'points-eu' }, 'points')).toEqual({ exporter: 'otlp', serviceName: 'points-eu' });
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp' }, 'hope')).toEqual({ exporter: 'otlp', serviceName: 'hope' });
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'Console' }, 'hope')).toEqual({ exporter: 'console', serviceName: 'hope' });
  });

  it('refuses an exporter it does not ship, naming the variable', () => {
    expect(() => tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'zipkin' }, 'hope')).toThrow(TracingConfigError);
    expect(() => tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'zipkin' }, 'hope')).toThrow('OTEL_TRACES_EXPORTER');
  });
});
