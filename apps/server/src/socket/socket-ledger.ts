/**
 * The count of socket.io connections, in total and per address, that the handshake check
 * limits. A socket is counted once, when its handshake is accepted, and let go exactly once,
 * on whichever comes first: its disconnect, or its transport connection closing. socket.io
 * never reports a disconnect for a socket whose transport closed between the handshake check
 * and the connection (a refused neighbour's hang-up, a reset), so the transport's close is
 * what makes the count unable to leak.
 *
 * socket.io checks a CONNECT asynchronously, so by the time the check runs the connection may
 * already be closed (a reset, or an event sent in the same write as the CONNECT, which
 * socket.io answers by closing): such a socket is not counted, as its close has already been.
 *
 * One transport connection holds at most one socket: socket.io-client connects to a namespace
 * once, and a second CONNECT while the first is held (33 of them in one write, say) is refused.
 */

/** The part of an engine.io connection the ledger needs. */
export interface LedgerConnection {
  readyState: string;
  once(event: 'close', listener: () => void): unknown;
}

interface Holder {
  address: string;
  connection: LedgerConnection;
}

export class SocketLedger {
  private readonly holders = new Map<string, Holder>();
  private readonly perAddress = new Map<string, number>();
  private readonly heldConnections = new WeakSet<LedgerConnection>();

  /** Sockets counted now. */
  get total(): number {
    return this.holders.size;
  }

  /** Addresses with at least one socket counted. */
  get addresses(): number {
    return this.perAddress.size;
  }

  countOf(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  /**
   * Counts socket `id` from `address` on `connection` until `release(id)` or the connection
   * closes. False, counting nothing, when the connection is no longer open, already holds a
   * socket, or the id is already counted (two connections recovering one session).
   */
  hold(id: string, address: string, connection: LedgerConnection): boolean {
    if (connection.readyState !== 'open') return false;
    if (this.heldConnections.has(connection) || this.holders.has(id)) return false;
    this.holders.set(id, { address, connection });
    this.heldConnections.add(connection);
    this.perAddress.set(address, this.countOf(address) + 1);
    connection.once('close', () => this.release(id));
    return true;
  }

  /** Lets socket `id` go; a second call for the same socket does nothing. */
  release(id: string): void {
    const holder = this.holders.get(id);
    if (!holder) return;
    this.holders.delete(id);
    this.heldConnections.delete(holder.connection);
    const left = this.countOf(holder.address) - 1;
    if (left <= 0) this.perAddress.delete(holder.address);
    else this.perAddress.set(holder.address, left);
  }
}
