import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy } from 'vscode-languageserver/node';

/** What a refused request is handed on as: its handler answers with the error, under the request's own id. */
const REFUSED = '$/postmortem/refused';

interface Refusal {
  code: number;
  message: string;
}

/**
 * LSP's rules for messages outside the server's lifetime, which vscode-languageserver leaves to each server: before
 * `initialize`, a request is answered ServerNotInitialized and a notification dropped (but `exit`); after
 * `shutdown`, a request is answered InvalidRequest and a notification other than `exit` dropped. Passed to the
 * connection as its message strategy, it sees every message in the order the connection handles them.
 */
export class Lifecycle implements MessageStrategy {
  private state: 'new' | 'running' | 'shut down' = 'new';

  handleMessage(message: Message, next: (message: Message) => void): void {
    if (Message.isResponse(message)) return next(message);
    const method = (message as { method?: unknown }).method;
    if (method === 'exit') return next(message);
    const refusal: Refusal | undefined =
      this.state === 'new' && method !== 'initialize'
        ? { code: ErrorCodes.ServerNotInitialized, message: 'The server is not initialized: send initialize first.' }
        : this.state === 'shut down'
          ? { code: ErrorCodes.InvalidRequest, message: 'The server is shut down: only exit is accepted.' }
          : undefined;
    if (method === 'initialize' && this.state === 'new') this.state = 'running';
    else if (method === 'shutdown' && this.state === 'running') this.state = 'shut down';
    if (!refusal) return next(message);
    // A notification is dropped; a request is answered.
    if (Message.isRequest(message)) next({ jsonrpc: message.jsonrpc, id: message.id, method: REFUSED, params: refusal } as Message);
  }

  /** Registers the handler that answers refused requests. */
  answerRefusals(connection: Connection): void {
    connection.onRequest(REFUSED, (refusal: Refusal) => {
      throw new ResponseError(refusal.code, refusal.message);
    });
  }
}
