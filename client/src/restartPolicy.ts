/**
 * Whether to restart the language server after its process died. It is restarted, and the client sends it every open
 * document again, unless it died `maxCrashes` times within `windowMs`: then a document that kills it on every start
 * (a poison document) does not keep it in a crash loop. "Postmortem: Restart Server" starts counting afresh.
 * No `vscode` import, so a unit test can drive it with its own clock.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 3,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called when the connection to the server closed without being asked to. */
  onCrash(): { restart: true } | { restart: false; message: string } {
    const at = this.now();
    this.crashes = [...this.crashes.filter((time) => at - time < this.windowMs), at];
    if (this.crashes.length < this.maxCrashes) return { restart: true };
    const minutes = Math.round(this.windowMs / 60_000);
    return {
      restart: false,
      message: `The Postmortem language server stopped ${this.crashes.length} times in ${minutes} minutes, so it is not restarted again. Close the document that causes it and run "Postmortem: Restart Server"; the Postmortem output channel has the details.`,
    };
  }

  reset(): void {
    this.crashes = [];
  }
}
