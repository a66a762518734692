import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** What LSP asks a cancelled request to be answered with. */
export function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * A request handler that answers RequestCancelled once its request is cancelled (vscode-jsonrpc only cancels the
 * token, and sends whatever the handler returns): one cancelled while still queued does no work at all, one
 * cancelled while it waits is answered when the cancellation arrives (`unlessCancelled`), and one whose answer is
 * ready only after it was cancelled gets the error instead.
 */
export function cancellable<P, R>(handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    if (token.isCancellationRequested) throw requestCancelled();
    const result = await unlessCancelled(Promise.resolve(handler(params, token)), token);
    if (token.isCancellationRequested) throw requestCancelled();
    return result;
  };
}

/**
 * `work`'s result, or RequestCancelled as soon as the token is cancelled, whichever comes first. The work itself goes
 * on: what a request waits for (a document's analysis, the workspace scan) is shared with others and kept.
 */
export function unlessCancelled<T>(work: Promise<T>, token: CancellationToken | undefined): Promise<T> {
  if (!token) return work;
  if (token.isCancellationRequested) return Promise.reject(requestCancelled());
  return new Promise<T>((resolve, reject) => {
    const listener = token.onCancellationRequested(() => {
      listener.dispose();
      reject(requestCancelled());
    });
    work.then(
      (value) => {
        listener.dispose();
        resolve(value);
      },
      (error: unknown) => {
        listener.dispose();
        reject(error);
      },
    );
  });
}
