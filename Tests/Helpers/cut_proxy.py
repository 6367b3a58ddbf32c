#!/usr/bin/env python3
"""A PostgreSQL wire-protocol proxy that breaks one client's connection at its first COMMIT
(issue 20's "a lost connection during a save"): the tests' way of losing a connection at exactly
that moment, with a real server and a real libpq on either side.

    cut_proxy.py LISTEN_DIR SERVER_DIR MODE

Listens on LISTEN_DIR/.s.PGSQL.5432 and forwards each connection to SERVER_DIR/.s.PGSQL.5432.
MODE, for the first simple-query COMMIT seen (later connections and commits pass untouched):
  before  the COMMIT is never sent: both sides are closed (the server rolls back)
  after   the COMMIT is sent and the server given time to do it; then both sides are closed
          before its answer reaches the client (the server committed)
  after+vanish   as after, and the proxy then stops listening: no server can be asked again
Prints "ready" on stdout once listening.
"""
import os
import signal
import socket
import struct
import sys
import threading
import time

listen_dir, server_dir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
cut_done = threading.Event()
cut_lock = threading.Lock()


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def close(*socks):
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def server_to_client(server, client, held):
    try:
        while True:
            data = server.recv(65536)
            if held.is_set():
                return  # the cutting thread closes both sides, when it chooses
            if not data:
                break
            client.sendall(data)
    except OSError:
        pass
    close(client, server)


def client_to_server(client, server, held):
    try:
        # The startup message has no type byte: length (itself included), then the rest.
        length = struct.unpack("!I", read_exact(client, 4))[0]
        server.sendall(struct.pack("!I", length) + read_exact(client, length - 4))
        while True:
            kind = read_exact(client, 1)
            length = struct.unpack("!I", read_exact(client, 4))[0]
            body = read_exact(client, length - 4)
            message = kind + struct.pack("!I", length) + body
            if kind == b"Q" and body.rstrip(b"\0").strip().upper() == b"COMMIT":
                with cut_lock:
                    cut_now = not cut_done.is_set()
                    cut_done.set()
                if cut_now:
                    # Nothing the server says from here on reaches the client.
                    held.set()
                    if mode.startswith("after"):
                        server.sendall(message)
                        time.sleep(0.5)
                    if mode.endswith("+vanish"):
                        # Gone before the client can notice the cut and try again.
                        os.unlink(socket_path)
                        close(client, server)
                        os._exit(0)
                    close(client, server)
                    return
            server.sendall(message)
    except (EOFError, OSError):
        pass
    close(client, server)


socket_path = os.path.join(listen_dir, ".s.PGSQL.5432")


def main():
    # Stoppable whatever the parent ignores (ignored signals are inherited across exec).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    path = socket_path
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o777)
    listener.listen(16)
    print("ready", flush=True)
    while True:
        client, _ = listener.accept()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.connect(os.path.join(server_dir, ".s.PGSQL.5432"))
        held = threading.Event()
        threading.Thread(target=server_to_client, args=(server, client, held), daemon=True).start()
        threading.Thread(target=client_to_server, args=(client, server, held), daemon=True).start()


main()
