import { connect, createServer, type Socket } from 'node:net';

export interface Balancer {
  /** `http://127.0.0.1:<port>`: what the other services and clients call, like a Kubernetes Service. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP round-robin in front of a service's replicas, the loopback stand-in for a Kubernetes Service:
 * each new connection goes to the next backend; a backend that refuses the connection (killed, not
 * up yet) is skipped. Connections already open to a replica that dies are cut, as they would be.
 */
export async function startRoundRobinBalancer(port: number, backendPorts: () => readonly number[]): Promise<Balancer> {
  let next = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    // A client reset is followed by 'close', which ends the backend side (below).
    client.on('error', () => undefined);
    client.pause();
    const ports = backendPorts();
    const tryBackend = (attempt: number): void => {
      if (attempt >= ports.length) return void client.resetAndDestroy();
      const backend = connect(ports[next++ % ports.length]!, '127.0.0.1');
      let connected = false;
      // Once connected, an error is followed by 'close', which decides what the client sees.
      backend.on('error', () => {
        if (!connected) tryBackend(attempt + 1);
      });
      backend.once('connect', () => {
        connected = true;
        open.add(backend);
        backend.once('close', () => open.delete(backend));
        // HTTP/1.1 without pipelining: bytes from the client since the backend last spoke = a request in flight.
        let awaitingAnswer = false;
        client.on('data', () => (awaitingAnswer = true));
        backend.on('data', () => (awaitingAnswer = false));
        // No automatic end: how the backend went away decides what the client sees (below).
        client.pipe(backend, { end: false });
        backend.pipe(client, { end: false });
        client.once('end', () => backend.end());
        client.once('close', () => backend.destroy());
        // A replica that dies with a request in flight leaves its client without an answer: the client
        // sees a reset (an error), not a clean close it would take for the end of an idle keep-alive.
        backend.once('close', () => (awaitingAnswer ? client.resetAndDestroy() : client.destroy()));
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of open) socket.destroy();
        server.close(() => ok());
      }),
  };
}
