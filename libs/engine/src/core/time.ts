// The engine's clock runs in minutes: ambulance legs and inquiry calls are minutes long, stays
// are days long, and a double holds both without loss over centuries. The unit is defined once,
// in @caretwin/contracts (a leaf with no dependencies), for the engine, the model and the edges.
export { MINUTES_PER_DAY } from '@caretwin/contracts';
