/** The engine's clock runs in minutes: ambulance legs and inquiry calls are minutes long,
 *  stays are days long, and a double holds both without loss over centuries. */
export const MINUTES_PER_DAY = 1440;
