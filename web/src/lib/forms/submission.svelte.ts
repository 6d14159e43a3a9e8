/** Sending a form: whether it is under way, and why the last attempt failed. */
export class Submission {
  busy = $state(false);
  error = $state<unknown>(null);

  /**
   * Runs `send` unless a send is already under way (a double click sends once). Resolves to whether it
   * succeeded; a failure is kept in `error` for the form to show.
   */
  async run(send: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await send();
      return true;
    } catch (error) {
      this.error = error;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
