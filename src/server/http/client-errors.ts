import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ApiFailure } from '../errors.ts';

/**
 * What Node's HTTP parser refuses (headers over its limit, bytes a header may not hold, a broken request line)
 * never reaches the app; answer it in the one error shape too, then close the connection.
 */
export function answerClientErrors(server: Pick<Server, 'on'>): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const failure = tooLarge
      ? new ApiFailure('headers_too_large', 'The request headers are too large.')
      : new ApiFailure('invalid_request', 'The request could not be read.');
    const body = JSON.stringify(failure.toBody());
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${failure.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
