import { connect, type Socket } from 'node:net';
import type { AmiServerConfig } from '../../src/config/telephony-config';

/** One AMI event as Asterisk sent it: header name → value (a repeated header keeps its last value). */
export type AmiEvent = Readonly<Record<string, string>>;

export interface AmiEventStream {
  onEvent(listener: (event: AmiEvent, receivedAt: number) => void): void;
  close(): void;
}

/**
 * A read-only AMI session of the bench's own, apart from linli's: the bench's view of Asterisk must not
 * depend on the driver it measures. `eventMask` is AMI's event classes (e.g. "call,user"), so Asterisk
 * does not send the dialplan's flood of Newexten/VarSet events to a listener that ignores them.
 */
export async function openAmiEvents(server: AmiServerConfig, eventMask: string): Promise<AmiEventStream> {
  const socket: Socket = connect(server.port, server.host);
  socket.setEncoding('utf8');
  const listeners: ((event: AmiEvent, receivedAt: number) => void)[] = [];
  let buffer = '';
  let loggedIn: (ok: boolean, message: string) => void = () => undefined;
  const login = new Promise<void>((resolve, reject) => {
    loggedIn = (ok, message) => (ok ? resolve() : reject(new Error(`AMI login refused: ${message}`)));
    socket.once('error', reject);
  });

  socket.on('data', (chunk: string) => {
    const receivedAt = Date.now();
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      const block = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 4);
      if (block.ActionID === 'bench-login') loggedIn(block.Response === 'Success', block.Message ?? '');
      if (block.Event) for (const listener of listeners) listener(block, receivedAt);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    `Action: Login\r\nUsername: ${server.username}\r\nSecret: ${server.secret}\r\n` +
      `Events: ${eventMask}\r\nActionID: bench-login\r\n\r\n`,
  );
  await login;
  return {
    onEvent: (listener) => void listeners.push(listener),
    close: () => {
      socket.end('Action: Logoff\r\n\r\n');
      socket.destroy();
    },
  };
}

/** The banner line ("Asterisk Call Manager/…") has no colon-space and falls out here. */
function parseBlock(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
  }
  return fields;
}
