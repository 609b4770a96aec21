export * from './domain';
export * from './result';
export * from './socket';
export * from './run-view';
export * from './live-run';
export * from './run-client';
export * from './areas';
export * from './census';
