declare module 'asterisk-manager' {
  import type { EventEmitter } from 'node:events';

  /** A parsed AMI message: header names lower-cased; `variable` headers become an object. */
  export type AmiRawMessage = Record<string, string | string[] | Record<string, string> | undefined>;

  export interface AsteriskManager extends Pick<
    EventEmitter,
    'on' | 'once' | 'removeListener' | 'removeAllListeners' | 'listeners' | 'emit'
  > {
    connect(port: number, host: string, callback?: (err: Error | null) => void): void;
    login(callback?: (err?: AmiRawMessage) => void): void;
    action(
      action: Record<string, unknown>,
      callback?: (err: AmiRawMessage | undefined, res: AmiRawMessage) => void,
    ): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    options: { port: number; host: string; username: string; password: string; events: boolean };
  }

  function Manager(
    port?: number,
    host?: string,
    username?: string,
    password?: string,
    events?: boolean,
  ): AsteriskManager;
  export = Manager;
}
