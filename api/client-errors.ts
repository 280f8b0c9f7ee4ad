// Requests that Node's HTTP parser refuses before Express sees them (headers or URL over 16 KB, malformed
// request lines) still get a problem+json answer rather than a bare status line.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** code → status, reason phrase (ASCII, as the status line needs), German title, detail */
const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Kopfzeilen zu groß', 'Adresse oder Kopfzeilen der Anfrage sind zu groß.'],
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, reason, title, detail] = ANSWERS[err.code ?? ''] ?? [400, 'Bad Request', 'Ungültige Anfrage', 'Die Anfrage ist kein gültiges HTTP.'];
    const body = JSON.stringify({ type: `https://ku-it.example/probleme/${status}`, title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
