// The error family lives in the shared kernel; re-exported for the platform's own modules.
export * from '@hope/kernel/errors';
