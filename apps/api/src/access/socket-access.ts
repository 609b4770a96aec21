// The socket.io namespace middleware (io.use): a handshake from an Origin that may not write is
// refused with FORBIDDEN, one without a valid `auth.token` (AUTH_MODE=tokens) with UNAUTHORIZED.
// The client sees `connect_error` whose `err.data` is {code, message}.
import type { Socket } from 'socket.io';
import { ApiError } from '../errors/api-error';
import { READERS } from './access.decorators';
import type { AccessService } from './access.service';
import type { Principal } from './principal';

export interface SocketRefusal extends Error {
  data: { code: string; message: string };
}

function refusal(code: string, message: string): SocketRefusal {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * Installed by every gateway on the one server (runs, the Now channel): whichever runs first
 * sets the principal, and the others let the socket through without a second token look-up.
 */
export function socketAccess(access: AccessService) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    if ((socket.data as { principal?: Principal }).principal) return next();
    const { headers, auth } = socket.handshake;
    if (!access.originAllowed(headers.origin, headers.host))
      return next(
        refusal(
          'FORBIDDEN',
          `origin ${String(headers.origin).slice(0, 200)} may not open a socket (not the api's own origin, not in ALLOWED_ORIGINS)`,
        ),
      );
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    try {
      (socket.data as { principal?: Principal }).principal = access.authenticate(token);
      next();
    } catch (error) {
      next(error instanceof ApiError ? refusal(error.code, error.message) : (error as Error));
    }
  };
}

/**
 * The acknowledgement's refusal for a socket whose principal may not read `what`, or null when it
 * may. Participants are no readers: their sockets pass the handshake for their workshop's
 * channel only (the workshop gateway's own check), never runs or the Now channel.
 */
export function readRefusal(
  access: AccessService,
  principal: Principal | undefined,
  what: string,
): { error: { code: 'FORBIDDEN'; message: string } } | null {
  if (principal && access.may(principal, READERS)) return null;
  return { error: { code: 'FORBIDDEN', message: `role ${principal?.role ?? 'none'} may not watch ${what}` } };
}
