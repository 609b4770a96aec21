// What every view gets: the REST client, the live connection (opened on first use), and a way
// to go to another view. A view returns its clean-up (timers, sockets, listeners).
import type { LiveConnection } from '../api/live';
import type { RestClient } from '../api/rest';
import type { Route } from '../router';

export interface ViewContext {
  rest: RestClient;
  live(): LiveConnection;
  navigate(route: Route): void;
}

export type Cleanup = () => void;
export type View<R> = (root: HTMLElement, route: R, context: ViewContext) => Cleanup;
