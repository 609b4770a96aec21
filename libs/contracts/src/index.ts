export * from './result';
export * from './socket';
